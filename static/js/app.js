// The project's own behaviour, loaded on every page. No inline scripts (CSP).
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) event.detail.headers["X-CSRFToken"] = token.content;
});
document.addEventListener("htmx:responseError", () => {
  const box = document.getElementById("htmx-error");
  if (box) box.classList.remove("d-none");
});
// A refused value (422) carries its message, to be shown where the request's answer goes.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr && event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
