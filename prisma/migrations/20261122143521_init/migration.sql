-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ShopInstallState" AS ENUM ('installed', 'uninstalled');

-- CreateEnum
CREATE TYPE "PayoutSchedule" AS ENUM ('manual', 'weekly', 'monthly');

-- CreateEnum
CREATE TYPE "CreatorStatus" AS ENUM ('invited', 'applied', 'active', 'paused', 'declined', 'archived');

-- CreateEnum
CREATE TYPE "PayoutMethod" AS ENUM ('stripe', 'paypal', 'bank_transfer', 'other');

-- CreateEnum
CREATE TYPE "PayoutDetailsStatus" AS ENUM ('missing', 'pending', 'complete', 'restricted');

-- CreateEnum
CREATE TYPE "CommissionKind" AS ENUM ('percentage', 'flat');

-- CreateEnum
CREATE TYPE "PlanOverrideTarget" AS ENUM ('product', 'collection');

-- CreateEnum
CREATE TYPE "AttributionSource" AS ENUM ('manual', 'discount_code', 'referral');

-- CreateEnum
CREATE TYPE "CommissionStatus" AS ENUM ('held', 'approved', 'paid', 'reversed', 'rejected');

-- CreateEnum
CREATE TYPE "FixedFeeStatus" AS ENUM ('awaiting_deliverable', 'approved', 'paid', 'canceled');

-- CreateEnum
CREATE TYPE "DeliverableStatus" AS ENUM ('open', 'submitted', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "DeliverableDecisionKind" AS ENUM ('approved', 'rejected');

-- CreateEnum
CREATE TYPE "PayableKind" AS ENUM ('commission', 'fixed_fee', 'adjustment', 'clawback');

-- CreateEnum
CREATE TYPE "PayoutRequestOrigin" AS ENUM ('merchant', 'creator');

-- CreateEnum
CREATE TYPE "PayoutRequestStatus" AS ENUM ('requested', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "PayoutStatus" AS ENUM ('draft', 'pending_review', 'ready', 'processing', 'paid', 'failed', 'canceled', 'reversed');

-- CreateEnum
CREATE TYPE "PayoutChannel" AS ENUM ('stripe', 'offline');

-- CreateEnum
CREATE TYPE "PayoutItemState" AS ENUM ('active', 'removed', 'released');

-- CreateEnum
CREATE TYPE "PayoutAttemptStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "PayoutRunStatus" AS ENUM ('preview', 'running', 'completed', 'canceled', 'failed');

-- CreateEnum
CREATE TYPE "LedgerAccount" AS ENUM ('held', 'gated', 'payable', 'in_payout', 'expense', 'paid_stripe', 'paid_offline');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('staff', 'creator', 'system', 'shopify', 'stripe');

-- CreateEnum
CREATE TYPE "InboundSource" AS ENUM ('shopify', 'stripe');

-- CreateEnum
CREATE TYPE "InboundStatus" AS ENUM ('received', 'processed', 'duplicate', 'rejected', 'failed');

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL DEFAULT ('sh_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "domain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "installState" "ShopInstallState" NOT NULL DEFAULT 'installed',
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "defaultPlanId" TEXT,
    "holdPeriodDays" INTEGER NOT NULL DEFAULT 30,
    "payoutSchedule" "PayoutSchedule" NOT NULL DEFAULT 'manual',
    "creatorReviewEnabled" BOOLEAN NOT NULL DEFAULT false,
    "invoiceRequired" BOOLEAN NOT NULL DEFAULT false,
    "invoicePrefix" TEXT NOT NULL DEFAULT 'CP-',
    "nextInvoiceNumber" INTEGER NOT NULL DEFAULT 1,
    "selfSignupEnabled" BOOLEAN NOT NULL DEFAULT false,
    "attributionWindowDays" INTEGER NOT NULL DEFAULT 30,
    "countPaidOrdersOnly" BOOLEAN NOT NULL DEFAULT true,
    "ignoreTestOrders" BOOLEAN NOT NULL DEFAULT true,
    "emailSenderName" TEXT,
    "emailReplyTo" TEXT,
    "stripeAccountId" TEXT,
    "stripeSecretKeyCiphertext" TEXT,
    "stripePlatformWebhookSecretCiphertext" TEXT,
    "stripeConnectWebhookSecretCiphertext" TEXT,
    "stripeLivemode" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutMinimum" (
    "shopId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "PayoutMinimum_pkey" PRIMARY KEY ("shopId","currency")
);

-- CreateTable
CREATE TABLE "Creator" (
    "id" TEXT NOT NULL DEFAULT ('cr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "status" "CreatorStatus" NOT NULL DEFAULT 'invited',
    "statusReason" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "socialHandle" TEXT,
    "shopifyCustomerId" TEXT,
    "referralCode" TEXT NOT NULL,
    "commissionPlanId" TEXT,
    "payoutMethod" "PayoutMethod",
    "payoutDetailsCiphertext" TEXT,
    "payoutDetailsStatus" "PayoutDetailsStatus" NOT NULL DEFAULT 'missing',
    "payoutMethodChangedAt" TIMESTAMP(3),
    "payoutsHeldUntil" TIMESTAMP(3),
    "stripeAccountId" TEXT,
    "taxCountry" CHAR(2),
    "taxIdCiphertext" TEXT,
    "taxFormOnFile" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Creator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreatorBalanceLock" (
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,

    CONSTRAINT "CreatorBalanceLock_pkey" PRIMARY KEY ("shopId","creatorId","currency")
);

-- CreateTable
CREATE TABLE "CreatorInvitation" (
    "id" TEXT NOT NULL DEFAULT ('inv_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreatorInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiscountCode" (
    "id" TEXT NOT NULL DEFAULT ('dc_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DiscountCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralClick" (
    "id" TEXT NOT NULL DEFAULT ('clk_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "visitorHash" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferralClick_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL DEFAULT ('cp_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" DATE,
    "endsOn" DATE,
    "budgetMinor" BIGINT,
    "currency" CHAR(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deal" (
    "id" TEXT NOT NULL DEFAULT ('dl_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "campaignId" TEXT,
    "title" TEXT NOT NULL,
    "commissionPlanId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealComment" (
    "id" TEXT NOT NULL DEFAULT ('dco_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DealComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionPlan" (
    "id" TEXT NOT NULL DEFAULT ('pl_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CommissionKind" NOT NULL,
    "rateBasisPoints" INTEGER,
    "flatAmountMinor" BIGINT,
    "flatCurrency" CHAR(3),
    "newCustomersOnly" BOOLEAN NOT NULL DEFAULT false,
    "excludeShipping" BOOLEAN NOT NULL DEFAULT true,
    "excludeTips" BOOLEAN NOT NULL DEFAULT true,
    "excludeGiftCards" BOOLEAN NOT NULL DEFAULT true,
    "excludeTaxes" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommissionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionPlanOverride" (
    "id" TEXT NOT NULL DEFAULT ('plo_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "target" "PlanOverrideTarget" NOT NULL,
    "targetId" TEXT NOT NULL,
    "rateBasisPoints" INTEGER,
    "flatAmountMinor" BIGINT,

    CONSTRAINT "CommissionPlanOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttributedOrder" (
    "id" TEXT NOT NULL DEFAULT ('ord_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "shopifyOrderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "creatorId" TEXT,
    "dealId" TEXT,
    "attributionSource" "AttributionSource",
    "notEarningReason" TEXT,
    "currency" CHAR(3) NOT NULL,
    "subtotalMinor" BIGINT NOT NULL,
    "eligibleMinor" BIGINT NOT NULL DEFAULT 0,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,
    "presentmentCurrency" CHAR(3),
    "presentmentTotalMinor" BIGINT,
    "customerShopifyId" TEXT,
    "customerEmail" TEXT,
    "isNewCustomer" BOOLEAN NOT NULL DEFAULT false,
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "financialStatus" TEXT,
    "orderedAt" TIMESTAMP(3) NOT NULL,
    "paidAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "shopifyUpdatedAt" TIMESTAMP(3),
    "orderState" JSONB NOT NULL,
    "redactedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttributedOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderRefund" (
    "id" TEXT NOT NULL DEFAULT ('rf_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "shopifyRefundId" TEXT NOT NULL,
    "shopifyOrderId" TEXT NOT NULL,
    "refund" JSONB NOT NULL,
    "appliedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderRefund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commission" (
    "id" TEXT NOT NULL DEFAULT ('cm_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "status" "CommissionStatus" NOT NULL DEFAULT 'held',
    "statusReason" TEXT,
    "currency" CHAR(3) NOT NULL,
    "planSnapshot" JSONB NOT NULL,
    "holdUntil" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Commission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FixedFee" (
    "id" TEXT NOT NULL DEFAULT ('fee_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "campaignId" TEXT,
    "deliverableId" TEXT,
    "status" "FixedFeeStatus" NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "comment" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FixedFee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deliverable" (
    "id" TEXT NOT NULL DEFAULT ('dv_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueOn" DATE,
    "status" "DeliverableStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deliverable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliverableSubmission" (
    "id" TEXT NOT NULL DEFAULT ('dvs_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "deliverableId" TEXT NOT NULL,
    "contentUrl" TEXT NOT NULL,
    "note" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliverableSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliverableDecision" (
    "id" TEXT NOT NULL DEFAULT ('dvd_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "deliverableId" TEXT NOT NULL,
    "decision" "DeliverableDecisionKind" NOT NULL,
    "note" TEXT,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliverableDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Adjustment" (
    "id" TEXT NOT NULL DEFAULT ('adj_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "dealId" TEXT,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Adjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Clawback" (
    "id" TEXT NOT NULL DEFAULT ('cb_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "commissionId" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Clawback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayableItem" (
    "id" TEXT NOT NULL DEFAULT ('pa_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "kind" "PayableKind" NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "payableSince" TIMESTAMP(3) NOT NULL,
    "commissionId" TEXT,
    "fixedFeeId" TEXT,
    "adjustmentId" TEXT,
    "clawbackId" TEXT,
    "parentId" TEXT,
    "splitAt" TIMESTAMP(3),
    "rejectedAt" TIMESTAMP(3),
    "rejectReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayableItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutRequest" (
    "id" TEXT NOT NULL DEFAULT ('prq_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "origin" "PayoutRequestOrigin" NOT NULL,
    "status" "PayoutRequestStatus" NOT NULL DEFAULT 'requested',
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "comment" TEXT,
    "requestedMethod" "PayoutMethod",
    "decisionNote" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "payoutId" TEXT,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayoutRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payout" (
    "id" TEXT NOT NULL DEFAULT ('po_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "PayoutStatus" NOT NULL DEFAULT 'draft',
    "statusReason" TEXT,
    "invoiceNumber" INTEGER,
    "invoiceLabel" TEXT,
    "amountMinor" BIGINT NOT NULL,
    "runId" TEXT,
    "noteToCreator" TEXT,
    "comment" TEXT,
    "createdBy" TEXT NOT NULL,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMP(3),
    "processedBy" TEXT,
    "processedAt" TIMESTAMP(3),
    "channel" "PayoutChannel",
    "stripeTransferId" TEXT,
    "offlineMethod" TEXT,
    "offlineReference" TEXT,
    "paidOn" DATE,
    "paidAt" TIMESTAMP(3),
    "canceledAt" TIMESTAMP(3),
    "balanceAfterMinor" BIGINT,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "creatorInvoiceFileId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutItem" (
    "id" TEXT NOT NULL DEFAULT ('pi_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,
    "payableItemId" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "state" "PayoutItemState" NOT NULL DEFAULT 'active',
    "disputeNote" TEXT,
    "disputeAnswer" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayoutItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutAttempt" (
    "id" TEXT NOT NULL DEFAULT ('pat_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "status" "PayoutAttemptStatus" NOT NULL DEFAULT 'pending',
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PayoutAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutRun" (
    "id" TEXT NOT NULL DEFAULT ('run_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "status" "PayoutRunStatus" NOT NULL DEFAULT 'preview',
    "payableFrom" TIMESTAMP(3) NOT NULL,
    "payableTo" TIMESTAMP(3) NOT NULL,
    "creatorId" TEXT,
    "honourMinimum" BOOLEAN NOT NULL DEFAULT true,
    "totalCreators" INTEGER NOT NULL DEFAULT 0,
    "doneCreators" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PayoutRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerTransaction" (
    "id" TEXT NOT NULL DEFAULT ('ltx_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "memo" TEXT,
    "auditEventId" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL DEFAULT ('le_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "account" "LedgerAccount" NOT NULL,
    "creatorId" TEXT,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL DEFAULT ('ev_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" TEXT NOT NULL DEFAULT ('ie_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "source" "InboundSource" NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "shopDomain" TEXT,
    "shopId" TEXT,
    "status" "InboundStatus" NOT NULL DEFAULT 'received',
    "reason" TEXT,
    "retryCount" INTEGER NOT NULL DEFAULT 0,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundEmail" (
    "id" TEXT NOT NULL DEFAULT ('em_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "htmlBody" TEXT,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboundEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_defaultPlanId_key" ON "Shop"("defaultPlanId");

-- CreateIndex
CREATE INDEX "Creator_shopId_status_name_idx" ON "Creator"("shopId", "status", "name");

-- CreateIndex
CREATE INDEX "Creator_shopId_email_idx" ON "Creator"("shopId", "email");

-- CreateIndex
CREATE INDEX "Creator_shopId_shopifyCustomerId_idx" ON "Creator"("shopId", "shopifyCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "Creator_shopId_referralCode_key" ON "Creator"("shopId", "referralCode");

-- CreateIndex
CREATE UNIQUE INDEX "Creator_shopId_id_key" ON "Creator"("shopId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CreatorInvitation_tokenHash_key" ON "CreatorInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "CreatorInvitation_shopId_creatorId_idx" ON "CreatorInvitation"("shopId", "creatorId");

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_shopId_code_key" ON "DiscountCode"("shopId", "code");

-- CreateIndex
CREATE INDEX "ReferralClick_shopId_creatorId_day_idx" ON "ReferralClick"("shopId", "creatorId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "ReferralClick_shopId_code_visitorHash_day_key" ON "ReferralClick"("shopId", "code", "visitorHash", "day");

-- CreateIndex
CREATE INDEX "Campaign_shopId_name_idx" ON "Campaign"("shopId", "name");

-- CreateIndex
CREATE INDEX "Deal_shopId_creatorId_idx" ON "Deal"("shopId", "creatorId");

-- CreateIndex
CREATE INDEX "DealComment_shopId_dealId_idx" ON "DealComment"("shopId", "dealId");

-- CreateIndex
CREATE INDEX "CommissionPlan_shopId_idx" ON "CommissionPlan"("shopId");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionPlanOverride_planId_target_targetId_key" ON "CommissionPlanOverride"("planId", "target", "targetId");

-- CreateIndex
CREATE INDEX "AttributedOrder_shopId_creatorId_orderedAt_idx" ON "AttributedOrder"("shopId", "creatorId", "orderedAt");

-- CreateIndex
CREATE INDEX "AttributedOrder_shopId_orderedAt_idx" ON "AttributedOrder"("shopId", "orderedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AttributedOrder_shopId_shopifyOrderId_key" ON "AttributedOrder"("shopId", "shopifyOrderId");

-- CreateIndex
CREATE INDEX "OrderRefund_shopId_shopifyOrderId_idx" ON "OrderRefund"("shopId", "shopifyOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderRefund_shopId_shopifyRefundId_key" ON "OrderRefund"("shopId", "shopifyRefundId");

-- CreateIndex
CREATE UNIQUE INDEX "Commission_orderId_key" ON "Commission"("orderId");

-- CreateIndex
CREATE INDEX "Commission_shopId_status_holdUntil_idx" ON "Commission"("shopId", "status", "holdUntil");

-- CreateIndex
CREATE INDEX "Commission_shopId_creatorId_status_idx" ON "Commission"("shopId", "creatorId", "status");

-- CreateIndex
CREATE INDEX "FixedFee_shopId_creatorId_status_idx" ON "FixedFee"("shopId", "creatorId", "status");

-- CreateIndex
CREATE INDEX "Deliverable_shopId_dealId_idx" ON "Deliverable"("shopId", "dealId");

-- CreateIndex
CREATE INDEX "DeliverableSubmission_shopId_deliverableId_idx" ON "DeliverableSubmission"("shopId", "deliverableId");

-- CreateIndex
CREATE INDEX "DeliverableDecision_shopId_deliverableId_idx" ON "DeliverableDecision"("shopId", "deliverableId");

-- CreateIndex
CREATE INDEX "Adjustment_shopId_creatorId_idx" ON "Adjustment"("shopId", "creatorId");

-- CreateIndex
CREATE INDEX "Clawback_shopId_creatorId_idx" ON "Clawback"("shopId", "creatorId");

-- CreateIndex
CREATE INDEX "PayableItem_shopId_creatorId_currency_payableSince_idx" ON "PayableItem"("shopId", "creatorId", "currency", "payableSince");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutRequest_payoutId_key" ON "PayoutRequest"("payoutId");

-- CreateIndex
CREATE INDEX "PayoutRequest_shopId_status_createdAt_idx" ON "PayoutRequest"("shopId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Payout_shopId_status_createdAt_idx" ON "Payout"("shopId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Payout_shopId_creatorId_createdAt_idx" ON "Payout"("shopId", "creatorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Payout_shopId_invoiceNumber_key" ON "Payout"("shopId", "invoiceNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Payout_stripeTransferId_key" ON "Payout"("stripeTransferId");

-- CreateIndex
CREATE INDEX "PayoutItem_shopId_payoutId_idx" ON "PayoutItem"("shopId", "payoutId");

-- CreateIndex
CREATE INDEX "PayoutItem_payableItemId_idx" ON "PayoutItem"("payableItemId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutAttempt_idempotencyKey_key" ON "PayoutAttempt"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutAttempt_payoutId_attempt_key" ON "PayoutAttempt"("payoutId", "attempt");

-- CreateIndex
CREATE INDEX "PayoutRun_shopId_createdAt_idx" ON "PayoutRun"("shopId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerTransaction_auditEventId_key" ON "LedgerTransaction"("auditEventId");

-- CreateIndex
CREATE INDEX "LedgerTransaction_shopId_subjectType_subjectId_idx" ON "LedgerTransaction"("shopId", "subjectType", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerTransaction_shopId_idempotencyKey_key" ON "LedgerTransaction"("shopId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "LedgerEntry_shopId_creatorId_currency_account_idx" ON "LedgerEntry"("shopId", "creatorId", "currency", "account");

-- CreateIndex
CREATE INDEX "LedgerEntry_transactionId_idx" ON "LedgerEntry"("transactionId");

-- CreateIndex
CREATE INDEX "AuditEvent_shopId_occurredAt_idx" ON "AuditEvent"("shopId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_shopId_subjectType_subjectId_idx" ON "AuditEvent"("shopId", "subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "InboundEvent_shopId_receivedAt_idx" ON "InboundEvent"("shopId", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundEvent_status_receivedAt_idx" ON "InboundEvent"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundEvent_source_deliveryId_idx" ON "InboundEvent"("source", "deliveryId");

-- CreateIndex
CREATE INDEX "OutboundEmail_shopId_createdAt_idx" ON "OutboundEmail"("shopId", "createdAt");

-- AddForeignKey
ALTER TABLE "Shop" ADD CONSTRAINT "Shop_defaultPlanId_fkey" FOREIGN KEY ("defaultPlanId") REFERENCES "CommissionPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutMinimum" ADD CONSTRAINT "PayoutMinimum_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Creator" ADD CONSTRAINT "Creator_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Creator" ADD CONSTRAINT "Creator_commissionPlanId_fkey" FOREIGN KEY ("commissionPlanId") REFERENCES "CommissionPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreatorBalanceLock" ADD CONSTRAINT "CreatorBalanceLock_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreatorInvitation" ADD CONSTRAINT "CreatorInvitation_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreatorInvitation" ADD CONSTRAINT "CreatorInvitation_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscountCode" ADD CONSTRAINT "DiscountCode_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscountCode" ADD CONSTRAINT "DiscountCode_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralClick" ADD CONSTRAINT "ReferralClick_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_commissionPlanId_fkey" FOREIGN KEY ("commissionPlanId") REFERENCES "CommissionPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealComment" ADD CONSTRAINT "DealComment_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionPlan" ADD CONSTRAINT "CommissionPlan_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionPlanOverride" ADD CONSTRAINT "CommissionPlanOverride_planId_fkey" FOREIGN KEY ("planId") REFERENCES "CommissionPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributedOrder" ADD CONSTRAINT "AttributedOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributedOrder" ADD CONSTRAINT "AttributedOrder_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributedOrder" ADD CONSTRAINT "AttributedOrder_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderRefund" ADD CONSTRAINT "OrderRefund_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "AttributedOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FixedFee" ADD CONSTRAINT "FixedFee_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FixedFee" ADD CONSTRAINT "FixedFee_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FixedFee" ADD CONSTRAINT "FixedFee_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FixedFee" ADD CONSTRAINT "FixedFee_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FixedFee" ADD CONSTRAINT "FixedFee_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliverableSubmission" ADD CONSTRAINT "DeliverableSubmission_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliverableDecision" ADD CONSTRAINT "DeliverableDecision_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clawback" ADD CONSTRAINT "Clawback_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clawback" ADD CONSTRAINT "Clawback_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clawback" ADD CONSTRAINT "Clawback_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_fixedFeeId_fkey" FOREIGN KEY ("fixedFeeId") REFERENCES "FixedFee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_adjustmentId_fkey" FOREIGN KEY ("adjustmentId") REFERENCES "Adjustment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_clawbackId_fkey" FOREIGN KEY ("clawbackId") REFERENCES "Clawback"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "PayableItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutRequest" ADD CONSTRAINT "PayoutRequest_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutRequest" ADD CONSTRAINT "PayoutRequest_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutRequest" ADD CONSTRAINT "PayoutRequest_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayoutRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutItem" ADD CONSTRAINT "PayoutItem_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutItem" ADD CONSTRAINT "PayoutItem_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutItem" ADD CONSTRAINT "PayoutItem_payableItemId_fkey" FOREIGN KEY ("payableItemId") REFERENCES "PayableItem"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutAttempt" ADD CONSTRAINT "PayoutAttempt_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutRun" ADD CONSTRAINT "PayoutRun_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_auditEventId_fkey" FOREIGN KEY ("auditEventId") REFERENCES "AuditEvent"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "LedgerTransaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundEvent" ADD CONSTRAINT "InboundEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundEmail" ADD CONSTRAINT "OutboundEmail_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written constraints that protect money (DOMAIN.md §4). Prisma's schema language cannot
-- express them. Keep them below the generated SQL.
-- ---------------------------------------------------------------------------------------------

-- A payable item belongs to at most one payout that has not released it.
CREATE UNIQUE INDEX "PayoutItem_one_active_payout_per_payable_item"
  ON "PayoutItem" ("payableItemId") WHERE "state" = 'active';

-- Amounts and currencies in the ledger are well formed.
ALTER TABLE "LedgerEntry"
  ADD CONSTRAINT "LedgerEntry_amount_nonzero" CHECK ("amountMinor" <> 0),
  ADD CONSTRAINT "LedgerEntry_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "LedgerEntry_creator_accounts" CHECK (
    ("account" IN ('held', 'gated', 'payable', 'in_payout')) = ("creatorId" IS NOT NULL)
  );
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_invoice_after_draft"
  CHECK ("invoiceNumber" IS NOT NULL OR "status" IN ('draft', 'canceled'));
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_one_source" CHECK (
  num_nonnulls("commissionId", "fixedFeeId", "adjustmentId", "clawbackId") = 1
);

-- Every ledger transaction balances: its entries sum to zero in each currency. Checked at commit
-- (deferred) so a transaction's entries can be inserted one by one.
CREATE FUNCTION ledger_assert_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced record;
BEGIN
  SELECT "currency", SUM("amountMinor") AS total INTO unbalanced
    FROM "LedgerEntry" WHERE "transactionId" = NEW."transactionId"
    GROUP BY "currency" HAVING SUM("amountMinor") <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % is unbalanced: % % ', NEW."transactionId", unbalanced.total, unbalanced.currency
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "LedgerEntry_balanced"
  AFTER INSERT ON "LedgerEntry" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_assert_balanced();

-- The ledger and the audit trail are append-only. Only shop redaction (`shop/redact`, which sets
-- creator_payouts.redacting for its own transaction) may delete a shop's rows.
CREATE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('creator_payouts.redacting', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "LedgerEntry_append_only" BEFORE UPDATE OR DELETE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER "LedgerTransaction_append_only" BEFORE UPDATE OR DELETE ON "LedgerTransaction"
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();

-- An authentic delivery is stored once, repeats are stored as separate `duplicate` rows.
CREATE UNIQUE INDEX "InboundEvent_first_delivery" ON "InboundEvent" ("source", "deliveryId")
  WHERE "status" <> 'duplicate';

-- Money rows may only point at rows of their own shop: shop-scoped foreign keys on top of the
-- plain ones (a wrong id can never move another tenant's money).
CREATE UNIQUE INDEX "PayableItem_shopId_id_key" ON "PayableItem" ("shopId", "id");
CREATE UNIQUE INDEX "Payout_shopId_id_key" ON "Payout" ("shopId", "id");
CREATE UNIQUE INDEX "Commission_shopId_id_key" ON "Commission" ("shopId", "id");
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_shop_creator_fkey"
  FOREIGN KEY ("shopId", "creatorId") REFERENCES "Creator" ("shopId", "id") ON DELETE NO ACTION;
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_shop_creator_fkey"
  FOREIGN KEY ("shopId", "creatorId") REFERENCES "Creator" ("shopId", "id") ON DELETE NO ACTION;
ALTER TABLE "PayableItem" ADD CONSTRAINT "PayableItem_shop_commission_fkey"
  FOREIGN KEY ("shopId", "commissionId") REFERENCES "Commission" ("shopId", "id") ON DELETE NO ACTION;
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_shop_creator_fkey"
  FOREIGN KEY ("shopId", "creatorId") REFERENCES "Creator" ("shopId", "id") ON DELETE NO ACTION;
ALTER TABLE "PayoutItem" ADD CONSTRAINT "PayoutItem_shop_payout_fkey"
  FOREIGN KEY ("shopId", "payoutId") REFERENCES "Payout" ("shopId", "id") ON DELETE CASCADE;
ALTER TABLE "PayoutItem" ADD CONSTRAINT "PayoutItem_shop_payable_item_fkey"
  FOREIGN KEY ("shopId", "payableItemId") REFERENCES "PayableItem" ("shopId", "id") ON DELETE NO ACTION;
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_shop_creator_fkey"
  FOREIGN KEY ("shopId", "creatorId") REFERENCES "Creator" ("shopId", "id") ON DELETE NO ACTION;
ALTER TABLE "PayoutRequest" ADD CONSTRAINT "PayoutRequest_shop_creator_fkey"
  FOREIGN KEY ("shopId", "creatorId") REFERENCES "Creator" ("shopId", "id") ON DELETE NO ACTION;

-- Row triggers do not see TRUNCATE: refuse it on the append-only tables too.
CREATE TRIGGER "LedgerEntry_no_truncate" BEFORE TRUNCATE ON "LedgerEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER "LedgerTransaction_no_truncate" BEFORE TRUNCATE ON "LedgerTransaction"
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();
