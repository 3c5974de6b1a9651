-- The resident's side (issue 14): door-to-door appointments. A community publishes working days with a capacity
-- (visit_slots, its version a concurrency token); a booking raises the booked count and inserts the visit in one save.
CREATE TABLE "visit_slots" (
    "CommunityId" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "Capacity" INTEGER NOT NULL,
    "Booked" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "SetBy" TEXT NOT NULL,
    "SetAt" INTEGER NOT NULL,
    CONSTRAINT "PK_visit_slots" PRIMARY KEY ("CommunityId", "Day")
);
CREATE TABLE "visits" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_visits" PRIMARY KEY,
    "CommunityId" TEXT NOT NULL,
    "GridCode" TEXT NULL,
    "Day" TEXT NOT NULL,
    "ResidentName" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "ItemCode" TEXT NULL,
    "BookedBy" TEXT NOT NULL,
    "AddressHash" TEXT NULL,
    "ConsentAt" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "VisitorStaffId" TEXT NULL,
    "CaseId" TEXT NULL,
    "ClosedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL
);
CREATE INDEX "IX_visits_AddressHash_CreatedAt" ON "visits" ("AddressHash", "CreatedAt");
CREATE INDEX "IX_visits_CaseId" ON "visits" ("CaseId");
CREATE INDEX "IX_visits_CommunityId_Day" ON "visits" ("CommunityId", "Day");
