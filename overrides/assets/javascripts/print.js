// Shows the print controls (hidden without JavaScript) and prints the page when one is used.
document.querySelectorAll("[data-print-control]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
