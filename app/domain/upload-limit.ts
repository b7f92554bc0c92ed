/** Uploads (creators' invoices) are capped at 5 MB; the StoredFile table checks the same bound. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
