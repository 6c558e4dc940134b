/* Public comments: load the comment form (never part of the cached page) and more threads.
   Without JavaScript every link here opens a page of its own that does the same. */
(function () {
    "use strict";

    var HEADERS = { "X-Requested-With": "fetch" };

    function fetchHtml(url) {
        return fetch(url, { headers: HEADERS, credentials: "same-origin" }).then(function (response) {
            if (!response.ok) { throw new Error(response.status); }
            return response.text();
        });
    }

    function announce(section, text) {
        var status = section && section.querySelector("[data-comment-status]");
        if (status) { status.textContent = text; }
    }

    function targetFor(link) {
        var holder = link.closest(".section-comments, .comment__box, .comment-form-slot");
        return holder ? holder.querySelector("[data-comment-form-target]") : null;
    }

    function openForm(link, focus) {
        var target = targetFor(link);
        if (!target) { return false; }
        if (target.childElementCount) {  // a second click closes the form
            target.innerHTML = "";
            link.setAttribute("aria-expanded", "false");
            return true;
        }
        link.setAttribute("aria-busy", "true");
        fetchHtml(link.href).then(function (html) {
            target.innerHTML = html;
            link.setAttribute("aria-expanded", "true");
            link.removeAttribute("aria-busy");
            if (link.hasAttribute("data-autoload")) { link.hidden = true; }
            if (focus) {
                var field = target.querySelector("input:not([type=hidden]):not([tabindex='-1']), textarea");
                if (field) { field.focus(); }
            }
        }).catch(function () {
            link.removeAttribute("aria-busy");
            window.location.href = link.href;  // the form's own page
        });
        return true;
    }

    function showMore(link) {
        var section = link.closest("[data-comments]");
        var list = section.querySelector("[data-comment-list]");
        link.setAttribute("aria-busy", "true");
        fetchHtml(link.getAttribute("data-url")).then(function (html) {
            var holder = document.createElement("div");
            holder.innerHTML = html;
            var items = holder.querySelectorAll("[data-comment-items] > li");
            var first = null;
            items.forEach(function (item) {
                list.appendChild(item);
                first = first || item;
            });
            var more = section.querySelector("[data-comment-more]");
            var next = holder.querySelector("[data-comment-more]");
            if (more && next) { more.replaceWith(next); }
            announce(section, section.getAttribute("data-more-text") || "");
            if (first) {
                var box = first.querySelector(".comment__box");
                if (box) { box.focus(); }
            }
        }).catch(function () {
            window.location.href = link.href;
        });
    }

    document.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-comment-form-link], a[data-comment-more-link]");
        if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
        if (link.hasAttribute("data-comment-more-link")) {
            event.preventDefault();
            showMore(link);
        } else if (openForm(link, true)) {
            event.preventDefault();
        }
    });

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("a[data-comment-form-link][data-autoload]").forEach(function (link) {
            openForm(link, false);
        });
    });
}());
