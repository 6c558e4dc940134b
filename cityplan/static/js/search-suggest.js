// Suggestions for the header search box: an ARIA 1.2 combobox with a listbox popup.
// Typing asks the server (data-suggest-url) for titles whose words begin with the words
// typed; Down/Up move through them, Enter or a click searches for the chosen one, Escape
// closes the list. Without JavaScript the box is a plain search form.
(function () {
    "use strict";

    var DELAY_MS = 150;
    var MIN_LENGTH = 2;

    function setUp(form) {
        var input = form.querySelector("input[type=search]");
        var listbox = form.querySelector("[role=listbox]");
        var status = form.querySelector("[data-suggest-status]");
        var url = form.getAttribute("data-suggest-url");
        if (!input || !listbox || !url || !window.fetch) { return; }

        var timer = null;
        var controller = null;
        var active = -1;
        var options = [];

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listbox.id);
        input.setAttribute("autocomplete", "off");

        function close() {
            listbox.hidden = true;
            listbox.textContent = "";
            options = [];
            active = -1;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
        }

        function highlight(index) {
            options.forEach(function (option, i) {
                option.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function choose(index) {
            input.value = options[index].getAttribute("data-value");
            close();
            form.submit();
        }

        function show(suggestions) {
            close();
            suggestions.forEach(function (suggestion, i) {
                var option = document.createElement("li");
                option.id = listbox.id + "-option-" + i;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.setAttribute("data-value", suggestion.title);
                var title = document.createElement("span");
                title.className = "suggestion__title";
                title.textContent = suggestion.title;
                var kind = document.createElement("span");
                kind.className = "suggestion__kind";
                kind.textContent = suggestion.kind;
                option.appendChild(title);
                option.appendChild(document.createTextNode(" "));
                option.appendChild(kind);
                // mousedown, not click: it comes before the input loses focus.
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    choose(i);
                });
                listbox.appendChild(option);
                options.push(option);
            });
            if (options.length) {
                listbox.hidden = false;
                input.setAttribute("aria-expanded", "true");
            }
            if (status) {
                var template = options.length ? status.getAttribute("data-some") : status.getAttribute("data-none");
                status.textContent = (template || "").replace("%(count)s", options.length);
            }
        }

        function ask() {
            var words = input.value.trim();
            if (words.length < MIN_LENGTH) { close(); return; }
            if (controller) { controller.abort(); }
            controller = window.AbortController ? new AbortController() : null;
            fetch(url + "?q=" + encodeURIComponent(words), {
                headers: { "Accept": "application/json" },
                signal: controller ? controller.signal : undefined
            }).then(function (response) {
                return response.ok ? response.json() : { suggestions: [] };
            }).then(function (data) {
                if (input.value.trim() === words) { show(data.suggestions || []); }
            }).catch(function () { /* aborted or offline: the form still works */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(ask, DELAY_MS);
        });
        input.addEventListener("keydown", function (event) {
            if (event.key === "ArrowDown") {
                if (!options.length) { ask(); return; }
                event.preventDefault();
                highlight(active + 1 < options.length ? active + 1 : 0);
            } else if (event.key === "ArrowUp" && options.length) {
                event.preventDefault();
                highlight(active > 0 ? active - 1 : options.length - 1);
            } else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                choose(active);
            } else if (event.key === "Escape" && !listbox.hidden) {
                event.preventDefault();
                close();
            }
        });
        input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    }

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("form[data-suggest-url]").forEach(setUp);
    });
}());
