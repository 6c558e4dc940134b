// "Edit" links on a public plan's elements for signed-in editors (plans/editor.py).
//
// The page's HTML is the same for everyone (caches keep it): it holds no editor link, only
// where to ask for them (data-edit-links). Only when Wagtail's user bar is on the page (it is
// rendered for signed-in admin users alone, whose pages are never cached) does the script ask
// that uncached admin address, which answers only a user who may edit the plan, then adds an
// "edit" link to each element it names, also in priorities the plan page loads in place.
(function () {
  'use strict';

  const holder = document.querySelector('[data-edit-links]');
  if (!holder || !document.querySelector('#wagtail-userbar-template, wagtail-userbar')) return;

  function addLinks(root, data) {
    root.querySelectorAll('.plan-node[id]:not([data-edit-link]), .plan-goal[id]:not([data-edit-link])').forEach((node) => {
      const url = data.links[node.id.replace(/^[a-z]+-/, '')];
      if (!url) return;
      node.dataset.editLink = '';
      const title = node.querySelector('.plan-node__title, .plan-goal__title');
      const link = document.createElement('a');
      link.className = 'plan-node__edit';
      link.href = url;
      link.textContent = data.label;
      link.setAttribute('aria-label', `${data.label}: ${title ? title.textContent.trim() : ''}`);
      (title || node).append(' ', link);
    });
  }

  fetch(holder.dataset.editLinks, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (!data) return;
      addLinks(document, data);
      new MutationObserver(() => addLinks(document, data)).observe(holder, { childList: true, subtree: true });
    })
    .catch(() => {});
})();
