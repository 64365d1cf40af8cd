// Copy controls ("Link to this page"): each button copies the address in its read-only field.
// Without JavaScript the button stays hidden and the address is selectable text. The result is
// written to the field's status region (role="status"), which screen readers announce politely.
function announce(status, message) {
  status.textContent = "";
  // A fresh text node after clearing, so the same message is announced again on a second copy.
  setTimeout(() => {
    status.textContent = message;
  }, 50);
}

async function copyText(field) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(field.value);
      return true;
    } catch {
      // Permission refused: fall back to selecting the text.
    }
  }
  field.focus();
  field.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

document.querySelectorAll("[data-copy-from]").forEach((button) => {
  const field = document.getElementById(button.dataset.copyFrom);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!field || !status) return;
  button.hidden = false;
  field.addEventListener("focus", () => field.select());
  button.addEventListener("click", async () => {
    const copied = await copyText(field);
    announce(status, copied ? "Link copied." : "Press Ctrl+C (or ⌘C) to copy the selected address.");
    if (!copied) {
      field.focus();
      field.select();
    }
  });
});
