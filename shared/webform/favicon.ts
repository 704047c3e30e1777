/**
 * The office's icon, inline in the head of every page (the webform, the merchant's status page,
 * the staff console): a browser asks for `/favicon.ico` on every page unless the page names an
 * icon, and that request would cost a function call to answer 404. A data: URL costs no request;
 * the pages' CSP allows it (`img-src data:`, FAVICON_IMG_SRC) and nothing else of images.
 */

/** A white ring (an "O", for Ouvidoria) on the pages' link blue, drawn without a font. */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b4fb3"/><circle cx="16" cy="16" r="8.5" fill="none" stroke="#fff" stroke-width="4"/></svg>';

export const FAVICON_HREF = `data:image/svg+xml;base64,${Buffer.from(FAVICON_SVG, 'utf8').toString('base64')}`;

/** The `<link>` for a page's head (its href holds only base64 and URL characters: nothing to escape). */
export const FAVICON_LINK = `<link rel="icon" type="image/svg+xml" href="${FAVICON_HREF}">`;

/** The CSP directive that lets the icon load: data: images only (the pages show no other image). */
export const FAVICON_IMG_SRC = 'img-src data:';
