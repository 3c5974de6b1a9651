-- The resident's side (issue 14): door-to-door appointments. A community publishes working days with a capacity
-- (visit_slots, its version a concurrency token); a booking raises the booked count and inserts the visit in one save.
CREATE TABLE visit_slots (
    "CommunityId" character varying(40) NOT NULL,
    "Day" date NOT NULL,
    "Capacity" integer NOT NULL,
    "Booked" integer NOT NULL,
    "Version" integer NOT NULL,
    "SetBy" character varying(60) NOT NULL,
    "SetAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_visit_slots" PRIMARY KEY ("CommunityId", "Day")
);
CREATE TABLE visits (
    "Id" uuid NOT NULL,
    "CommunityId" character varying(40) NOT NULL,
    "GridCode" character varying(40),
    "Day" date NOT NULL,
    "ResidentName" character varying(50) NOT NULL,
    "Phone" character varying(20) NOT NULL,
    "Address" character varying(200) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "ItemCode" character varying(40),
    "BookedBy" character varying(60) NOT NULL,
    "AddressHash" character varying(64),
    "ConsentAt" timestamp with time zone NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Status" character varying(20) NOT NULL,
    "VisitorStaffId" character varying(60),
    "CaseId" uuid,
    "ClosedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_visits" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_visits_AddressHash_CreatedAt" ON visits ("AddressHash", "CreatedAt");
CREATE INDEX "IX_visits_CaseId" ON visits ("CaseId");
CREATE INDEX "IX_visits_CommunityId_Day" ON visits ("CommunityId", "Day");
