// The plan's part editor (plans/editor.py), opened at an element (#indicator-<id>, from the
// outline, the admin's search or the public "edit" link): scroll to that element's block
// (Wagtail marks each block with its id as data-contentpath) and put the cursor in it.
(function () {
  'use strict';

  function showElement() {
    const id = decodeURIComponent(window.location.hash.replace(/^#[a-z]+-/, ''));
    if (!id) return;
    const block = document.querySelector(`[data-contentpath="${CSS.escape(id)}"]`);
    if (!block) return;
    block.style.scrollMarginTop = '5rem'; // below the admin's sticky header
    const field = block.querySelector('input:not([type=hidden]), textarea, select');
    if (field) field.focus({ preventScroll: true });
    block.scrollIntoView({ block: 'start' });

    // The page may still change after this as it settles (the admin's panels, fonts, and its
    // content area taking over the scrolling from the window), which can leave the element
    // out of view: until the editor scrolls, types or clicks, or for 10 s, look five times a
    // second and bring it back whenever it is out of view.
    const keep = window.setInterval(() => {
      const box = block.getBoundingClientRect();
      if (box.bottom <= 0 || box.top >= window.innerHeight) block.scrollIntoView({ block: 'start' });
    }, 200);
    const stop = () => window.clearInterval(keep);
    ['wheel', 'touchstart', 'keydown', 'pointerdown'].forEach((name) =>
      window.addEventListener(name, stop, { once: true, passive: true }),
    );
    window.setTimeout(stop, 10000);
  }

  // Wagtail builds the blocks when the page has loaded; a frame later they are laid out.
  window.addEventListener('load', () =>
    window.requestAnimationFrame(() => window.requestAnimationFrame(showElement)),
  );
})();
