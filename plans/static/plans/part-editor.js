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

    // What is above it may still grow as the page settles (the admin's panels and fonts) and
    // push it away: the form scrolls inside the admin's content area, not the window, so
    // watch the form's size and keep the element in place until the editor scrolls, types
    // or clicks, or for 10 s.
    const keep = new ResizeObserver(() => block.scrollIntoView({ block: 'start' }));
    const stop = () => keep.disconnect();
    keep.observe(block.closest('form') || document.body);
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
