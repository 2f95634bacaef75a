// Lotse – printable report: the "Drucken" button (no inline scripts under the CSP).
const button = document.getElementById('print-report');
if (button) button.addEventListener('click', () => window.print());
