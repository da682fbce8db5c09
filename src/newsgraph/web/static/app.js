// newsgraph: hovering a row of "who said what" outlines that statement in the text, and back.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const body = document.getElementById("article-body");
  const table = document.getElementById("said-table");
  if (!body || !table) return;
  const focus = (id, on) => {
    for (const el of document.querySelectorAll("[data-attr]")) {
      if (el.dataset.attr === id) el.classList.toggle("focus", on);
    }
  };
  for (const el of document.querySelectorAll("[data-attr]")) {
    el.addEventListener("mouseenter", () => focus(el.dataset.attr, true));
    el.addEventListener("mouseleave", () => focus(el.dataset.attr, false));
  }
  for (const row of table.querySelectorAll("tr[data-attr]")) {
    row.addEventListener("click", (event) => {
      if (event.target.closest("a")) return;
      const first = Array.from(body.querySelectorAll(".hl")).find((el) => el.dataset.attr === row.dataset.attr);
      if (first) first.scrollIntoView({ behavior: "smooth", block: "center" });
    });
  }
});
