// smartvet: the few behaviours pages share, bound here because the Content-Security-Policy
// allows no inline script or handler.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches && field.matches("select[data-autosubmit]")) field.form.submit();
});
