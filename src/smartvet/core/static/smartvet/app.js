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

// Scan a code with the phone camera where the browser offers BarcodeDetector, into the form's
// field named by data-scan-into; typing always works.
document.querySelectorAll("button[data-scan-into]").forEach((button) => {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  const form = button.form;
  const input = form.querySelector(`[name="${button.dataset.scanInto}"]`);
  const video = form.querySelector("video.camera");
  button.hidden = false;
  button.addEventListener("click", async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const detector = new BarcodeDetector();
    const tick = async () => {
      const found = await detector.detect(video);
      if (found.length) {
        stream.getTracks().forEach((track) => track.stop());
        input.value = found[0].rawValue;
        form.submit();
        return;
      }
      requestAnimationFrame(tick);
    };
    tick();
  });
});

// Print buttons (the farm's QR card).
document.addEventListener("click", (event) => {
  if (event.target.closest && event.target.closest("button[data-print]")) window.print();
});

// Vaccine bottles scanned one after another into the list (a scanner types the code and
// Enter): the count grows, a bottle scanned twice is said so and kept once.
(() => {
  const scan = document.getElementById("scan");
  const box = document.getElementById("id_bottle_codes");
  if (!scan || !box) return;
  const count = document.getElementById("scan-count");
  const dup = document.getElementById("scan-dup");
  const codes = () => box.value.split("\n").map((line) => line.trim()).filter(Boolean);
  const refresh = () => { count.textContent = codes().length; };
  scan.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const code = scan.value.trim();
    scan.value = "";
    if (!code) return;
    const list = codes();
    dup.hidden = !list.includes(code);
    if (dup.hidden) { list.push(code); box.value = list.join("\n"); }
    refresh();
  });
  box.addEventListener("input", refresh);
  refresh();
})();
