-- Routes as data (issue 12): published route versions, seen by every process (the route files are the seed), and
-- an administrator's choice of route version for a catalogue item, which the catalogue import keeps.
CREATE TABLE item_route_choices (
    "ItemCode" character varying(40) NOT NULL,
    "Route" character varying(50) NOT NULL,
    "ChosenBy" character varying(80) NOT NULL,
    "ChosenAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_item_route_choices" PRIMARY KEY ("ItemCode")
);
CREATE TABLE route_versions (
    "Id" uuid NOT NULL,
    "RouteId" character varying(40) NOT NULL,
    "Version" integer NOT NULL,
    "Name" character varying(60) NOT NULL,
    "CanonicalJson" text NOT NULL,
    "ContentHash" character varying(64) NOT NULL,
    "PublishedBy" character varying(80) NOT NULL,
    "PublishedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_route_versions" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_route_versions_RouteId_Version" ON route_versions ("RouteId", "Version");
