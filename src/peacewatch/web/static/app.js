// peacewatch: the document view's toggles and click-to-evidence. Served as a file: the CSP allows no inline script.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("doctext");
  const records = document.getElementById("records");
  if (!text) return;

  // Ticking a type shows its highlights; unticking hides them (a class on the text, styled in style.css).
  for (const box of document.querySelectorAll("input.kind-toggle")) {
    const apply = () => {
      text.classList.toggle("hide-" + box.value, !box.checked);
      if (records) records.classList.toggle("hide-" + box.value, !box.checked);
    };
    box.addEventListener("change", apply);
    apply();
  }

  // A click on a record scrolls to its evidence and marks every span of it for a moment.
  if (records) {
    records.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-target]");
      if (!link) return;
      const ref = link.dataset.target;
      const spans = text.querySelectorAll('[data-ref="' + CSS.escape(ref) + '"]');
      if (!spans.length) return;
      event.preventDefault();
      spans[0].scrollIntoView({ block: "center", behavior: "instant" });
      for (const span of spans) {
        span.classList.remove("flash");
        void span.offsetWidth;  // restart the animation on a second click
        span.classList.add("flash");
      }
      window.setTimeout(() => spans.forEach((s) => s.classList.remove("flash")), 1800);
      history.replaceState(null, "", "#ev-" + ref);
    });
  }
});
