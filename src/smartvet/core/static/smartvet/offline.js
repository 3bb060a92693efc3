// smartvet offline entry (docs/architecture.md, "Offline entry"): a form marked data-offline
// is kept in IndexedDB before it is sent; what could not be sent (no network, a dead link that
// still looks connected, a reply that never came) is sent again when the network returns.
// Each entry carries a client_id made here, so a resend never writes twice (core.offline).
// A refusal is kept with the server's Chinese messages until the user edits or discards it.
(() => {
  const support = document.getElementById("offline-support");
  if (!support || !window.indexedDB) return;
  const words = support.dataset;
  const say = (text, values = {}) =>
    Object.entries(values).reduce((out, [key, value]) => out.replace(`{${key}}`, value), text);
  const SENDABLE = ["waiting", "login"];
  const PATIENCE = 20000; // ms: a village link that stalls longer counts as no network

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(words.worker, { scope: "/" }).catch(() => {});
  }
  // Background Sync where the browser has it: the worker sends kept entries once connected,
  // with the app closed too (sw.js), for the user signed in here, whom it reads from USER.
  const SYNC = "smartvet-offline";
  const USER = `${words.queue}?user`;
  const syncLater = async () => {
    const registration = await navigator.serviceWorker?.ready;
    await registration?.sync?.register(SYNC);
  };
  if ("caches" in window) {
    caches.open("smartvet-pages").then((pages) => pages.put(USER, new Response(words.user))).catch(() => {});
  }

  // --- the store: one object per entry, keyed by its client id
  const opened = new Promise((resolve, reject) => {
    const request = indexedDB.open("smartvet-offline", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("entries", { keyPath: "id" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const inStore = async (mode, work) => {
    const db = await opened;
    return new Promise((resolve, reject) => {
      const tx = db.transaction("entries", mode);
      const request = work(tx.objectStore("entries"));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  };
  const allEntries = () => inStore("readonly", (store) => store.getAll());
  const getEntry = (id) => inStore("readonly", (store) => store.get(id));
  const putEntry = (entry) => inStore("readwrite", (store) => store.put(entry));
  const dropEntry = (id) => inStore("readwrite", (store) => store.delete(id));
  const mine = async () => (await allEntries()).filter((entry) => entry.user === words.user);

  const newId = () => {
    if (crypto.randomUUID) return crypto.randomUUID();
    const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0"));
    hex[6] = `4${hex[6][1]}`;
    hex[8] = ((parseInt(hex[8], 16) & 0x3f) | 0x80).toString(16);
    const text = hex.join("");
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  };

  // --- sending: a success answers JSON; anything else is a refusal whose texts are kept
  const refusalTexts = (html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const found = doc.querySelectorAll("main [role=alert] strong, main [role=alert] li, main .error:not([role=alert])");
    return [...new Set(Array.from(found, (node) => node.textContent.trim()).filter(Boolean))];
  };

  const send = async (entry) => {
    const body = new URLSearchParams(entry.body);
    body.delete("csrfmiddlewaretoken"); // the token of the page open now is the valid one
    const stall = new AbortController();
    const timer = setTimeout(() => stall.abort(), PATIENCE);
    let response;
    try {
      response = await fetch(entry.url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-Smartvet-Offline": "1", "X-CSRFToken": words.csrf },
        signal: stall.signal,
      });
    } catch {
      return entry; // no network (or no reply): it waits, and a resend is written once
    } finally {
      clearTimeout(timer);
    }
    if ([502, 503, 504].includes(response.status)) return entry;
    if ((response.headers.get("Content-Type") || "").includes("json")) {
      const reply = await response.json();
      await dropEntry(entry.id);
      return reply;
    }
    if (new URL(response.url).pathname === words.login) {
      entry.state = "login";
      entry.messages = [];
    } else {
      entry.state = "rejected";
      const texts = refusalTexts(await response.text());
      entry.messages = texts.length ? texts : [say(words.refused, { status: response.status })];
    }
    await putEntry(entry);
    return entry;
  };

  let flushing = null;
  const flush = () => {
    flushing ||= (async () => {
      let sent = 0;
      for (const entry of await mine()) {
        if (!SENDABLE.includes(entry.state)) continue;
        const result = await send(entry);
        if (result.sent) sent += 1;
        else if (SENDABLE.includes(result.state)) {
          syncLater().catch(() => {}); // the network or the session is gone: the worker tries
          break;
        }
      }
      return sent;
    })().finally(() => { flushing = null; });
    return flushing;
  };

  // --- what the user sees: a line on every page, the list on the queue page
  const banner = document.createElement("div");
  banner.dataset.offlineBanner = "";
  document.querySelector("main")?.prepend(banner);
  const line = (text, link, kind = "card") => {
    const item = document.createElement("p");
    item.className = kind;
    item.append(text);
    if (link) {
      const anchor = document.createElement("a");
      anchor.href = words.queue;
      anchor.textContent = ` ${words.view}`;
      item.append(anchor);
    }
    banner.append(item);
  };
  let lastNote = { text: "" };
  const showState = async () => {
    const waiting = (await mine()).length;
    banner.replaceChildren();
    if (lastNote.text) line(lastNote.text, false, lastNote.kind);
    if (!navigator.onLine) line(words.noNetwork);
    if (waiting) line(say(words.waitingCount, { n: waiting }), !queue);
    await renderQueue();
  };
  const note = (text, kind = "card") => {
    lastNote = { text, kind };
    return showState();
  };

  const sendAll = async () => {
    const sent = await flush();
    if (sent) await note(say(words.sentCount, { n: sent }));
    else await showState();
  };

  // --- the queue page
  const queue = document.querySelector("[data-offline-queue]");
  const button = (label, act) => {
    const node = document.createElement("button");
    node.type = "button";
    node.textContent = label;
    node.addEventListener("click", act);
    return node;
  };
  const renderQueue = async () => {
    if (!queue) return;
    const entries = (await allEntries()).sort((a, b) => a.at - b.at);
    document.querySelector("[data-offline-status]").textContent = entries.length ? "" : words.none;
    queue.replaceChildren(...entries.map((entry) => {
      const item = document.createElement("li");
      item.className = "card";
      item.dataset.offlineEntry = entry.id;
      item.dataset.state = entry.state;
      const head = document.createElement("strong");
      head.textContent = entry.about ? `${entry.title} · ${entry.about}` : entry.title;
      const meta = document.createElement("p");
      meta.className = "small";
      const state = entry.user === words.user
        ? words[`state${entry.state[0].toUpperCase()}${entry.state.slice(1)}`]
        : say(words.otherUser, { user: entry.user });
      meta.textContent = `${words.at} ${new Date(entry.at).toLocaleString("zh-CN")} · ${state}`;
      item.append(head, meta);
      for (const message of entry.messages) {
        const problem = document.createElement("p");
        problem.className = "error small";
        problem.textContent = message;
        item.append(problem);
      }
      const actions = document.createElement("div");
      actions.className = "actions";
      if (entry.user === words.user) {
        const edit = document.createElement("a");
        edit.className = "button";
        edit.href = `${entry.page}#offline-edit=${entry.id}`;
        edit.textContent = words.edit;
        actions.append(edit);
      }
      actions.append(button(words.discard, async () => {
        if (!window.confirm(words.confirmDiscard)) return;
        await dropEntry(entry.id);
        await showState();
      }));
      item.append(actions);
      return item;
    }));
  };
  document.querySelector("[data-offline-send]")?.addEventListener("click", sendAll);

  // --- forms: every entry is stored, then sent; a refusal online shows the page as always
  const idField = (form) => {
    let field = form.querySelector("input[name=client_id]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "client_id";
      form.append(field);
    }
    return field;
  };

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("form[data-offline]")) return;
    if (form.dataset.offlineNative) return; // the refused entry, sent again for its page
    const field = idField(form);
    field.value ||= newId(); // a double tap sends the same id: written once
    const editing = form.dataset.offlineEditing === field.value;
    event.preventDefault();
    const data = new FormData(form);
    if (event.submitter?.name) data.append(event.submitter.name, event.submitter.value);
    const entry = {
      id: field.value,
      user: words.user,
      title: form.dataset.offline,
      about: document.querySelector("main h1")?.textContent.trim() || "",
      url: form.action,
      body: new URLSearchParams(data).toString(),
      page: location.href.split("#")[0],
      at: Date.now(),
      state: "waiting",
      messages: [],
    };
    await putEntry(entry);
    syncLater().catch(() => {});
    const result = navigator.onLine ? await send(entry) : entry;
    if (result.sent) {
      location.assign(result.location);
      return;
    }
    if (result.state === "rejected" && !editing) {
      // nothing was written: the server's page with the errors beside the fields, as always
      await dropEntry(entry.id);
      form.dataset.offlineNative = "1";
      form.requestSubmit(event.submitter || undefined);
      return;
    }
    if (result.state === "login") {
      await note(words.stateLogin, "error");
      return;
    }
    if (result.state === "rejected") {
      form.dataset.offlineEditing = entry.id; // corrected, it replaces the kept entry
      await note(result.messages.join(" "), "error");
      return;
    }
    form.reset();
    field.value = "";
    delete form.dataset.offlineEditing;
    await note(words.saved);
  });

  // A page restored from the back-forward cache must not resend an earlier entry's id.
  window.addEventListener("pageshow", () => {
    document.querySelectorAll("form[data-offline]:not([data-offline-editing]) input[name=client_id]")
      .forEach((field) => { field.value = ""; });
  });

  // Opened from the queue page's "修改": the form filled with the kept entry.
  const editKept = async () => {
    const match = location.hash.match(/^#offline-edit=([\w-]+)$/);
    if (!match) return;
    const entry = await getEntry(match[1]);
    const form = entry && document.querySelector("form[data-offline]");
    if (!form) return;
    for (const [name, value] of new URLSearchParams(entry.body)) {
      const control = form.elements[name];
      if (!control || name === "csrfmiddlewaretoken") continue;
      if (control instanceof RadioNodeList || control.type === "checkbox") {
        form.querySelectorAll(`[name="${name}"]`).forEach((box) => {
          if (box.value === value) box.checked = true;
        });
      } else if (control.type !== "submit") {
        control.value = value;
      }
    }
    idField(form).value = entry.id;
    form.dataset.offlineEditing = entry.id;
    await note([words.editing, ...entry.messages].join(" "), "error");
  };

  // The queue page opens offline too: the worker keeps it once seen.
  const keepQueuePage = async () => {
    if (!("caches" in window) || !navigator.onLine) return;
    const pages = await caches.open("smartvet-pages");
    if (await pages.match(words.queue, { ignoreVary: true })) return;
    const response = await fetch(words.queue, { credentials: "same-origin" });
    if (response.ok && !response.redirected) await pages.put(words.queue, response);
  };

  window.addEventListener("online", sendAll);
  window.addEventListener("offline", showState);
  editKept().then(showState).then(() => (navigator.onLine ? sendAll() : null));
  keepQueuePage().catch(() => {});
})();
