-- Issue 16 §4: app instances cache a shop and its offline session (the portal reads them on every
-- request). "cacheVersion" changes with every write to the shop's row and to its offline session,
-- whoever writes it (settings, installs, token refreshes, raw SQL), so an instance compares one
-- integer per request and reloads on a difference. It wraps at 2^31 - 1: only equality matters.
ALTER TABLE "Shop" ADD COLUMN "cacheVersion" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "shop_bump_cache_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."cacheVersion" := (OLD."cacheVersion" + 1) % 2147483647;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Shop_bumps_cache_version" BEFORE UPDATE ON "Shop"
  FOR EACH ROW EXECUTE FUNCTION "shop_bump_cache_version"();

-- The offline session (token, scopes) is cached with its shop: any change to it bumps the shop.
CREATE FUNCTION "session_bumps_shop_cache_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND NOT OLD."isOnline" THEN
    UPDATE "Shop" SET "cacheVersion" = "cacheVersion" WHERE "domain" = OLD."shop";
  END IF;
  IF TG_OP <> 'DELETE' AND NOT NEW."isOnline" AND (TG_OP = 'INSERT' OR NEW."shop" IS DISTINCT FROM OLD."shop" OR OLD."isOnline") THEN
    UPDATE "Shop" SET "cacheVersion" = "cacheVersion" WHERE "domain" = NEW."shop";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Session_bumps_shop_cache_version" AFTER INSERT OR UPDATE OR DELETE ON "Session"
  FOR EACH ROW EXECUTE FUNCTION "session_bumps_shop_cache_version"();
