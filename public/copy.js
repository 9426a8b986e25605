// The administration's one script: a button with data-copy-from="id" copies the text of
// the element with that id. (The administration pages are not hydrated, and a strict
// Content-Security-Policy allows no inline handlers.) Its data-* attributes (data-copy-from,
// data-copied) are listed, with what each means, in app/src/data_attributes.rs.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-from]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copyFrom);
  navigator.clipboard.writeText(source.textContent).then(() => {
    button.textContent = button.dataset.copied || "Copied";
  });
});
