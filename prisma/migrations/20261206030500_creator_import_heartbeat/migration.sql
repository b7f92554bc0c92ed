-- A creator import's progress heartbeat (issue 14 gap 4): a running import without a recent one lost its worker.
ALTER TABLE "CreatorImport" ADD COLUMN "heartbeatAt" TIMESTAMP(3);
