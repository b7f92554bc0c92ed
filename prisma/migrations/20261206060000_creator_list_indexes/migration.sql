-- Issue 16: the Creators index reads a page in index order (by name, or newest first) instead of
-- sorting every creator of the shop on each load.
CREATE INDEX "Creator_shopId_name_id_idx" ON "Creator"("shopId", "name", "id");
CREATE INDEX "Creator_shopId_createdAt_id_idx" ON "Creator"("shopId", "createdAt", "id");
