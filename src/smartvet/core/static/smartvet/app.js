// smartvet: the few behaviours pages share, bound here because the Content-Security-Policy
// allows no inline script or handler.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches && field.matches("select[data-autosubmit]")) field.form.submit();
});

// Region picker: choosing a region loads its children into the next choice and clears the
// ones below it.
document.addEventListener("change", async (event) => {
  const select = event.target;
  if (!select.matches || !select.matches("select[data-region-level]")) return;
  const picker = select.closest("[data-region-picker]");
  const levels = Array.from(picker.querySelectorAll("select[data-region-level]"));
  const below = levels.slice(levels.indexOf(select) + 1);
  below.forEach((next) => next.options.length = 1);
  if (!select.value || !below.length) return;
  const url = `${picker.dataset.optionsUrl}?parent=${encodeURIComponent(select.value)}`;
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) return;
  const { options } = await response.json();
  for (const { code, name } of options) below[0].add(new Option(name, code));
});
