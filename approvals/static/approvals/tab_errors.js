// The page editor's "could not be saved due to validation errors" message, with the names of
// the tabs that hold the fields to correct: a tab's own error count is a small badge, easily
// missed when the error is on another tab than the one in view. The sentence comes translated
// from the server (the script's data-tabs-message, with %(tabs)s for the tab names).
(() => {
  const script = document.currentScript;
  const sentence = script && script.dataset.tabsMessage;

  function nameTheTabs() {
    const message = document.querySelector('.messages li.error');
    if (!sentence || !message) return;
    const tabs = Array.from(document.querySelectorAll('[role="tab"][href^="#tab-"]'))
      .filter((tab) => {
        const panel = document.getElementById(tab.getAttribute('href').slice(1));
        return panel && panel.querySelector('.error-message');
      })
      .map((tab) => tab.firstChild.textContent.trim());
    if (!tabs.length) return;
    const note = document.createElement('p');
    note.className = 'approvals-tab-errors';
    note.textContent = sentence.replace('%(tabs)s', tabs.join(', '));
    message.appendChild(note);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', nameTheTabs);
  } else {
    nameTheTabs();
  }
})();
