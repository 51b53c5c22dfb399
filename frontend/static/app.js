// Starts the WebAssembly app. Kept out of index.html so the page's
// Content-Security-Policy can forbid inline scripts.
import init from '/endorse_frontend.js';

init({ module_or_path: '/endorse_frontend_bg.wasm' })
  .then(() => document.querySelector('.boot')?.remove())
  .catch((error) => {
    const status = document.querySelector('.boot__status');
    if (status) {
      status.textContent = 'Endorse could not start in this browser. Please reload, or try an up-to-date browser.';
    }
    console.error(error);
  });
