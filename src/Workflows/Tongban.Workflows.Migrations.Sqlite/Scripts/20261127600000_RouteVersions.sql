-- Routes as data (issue 12): published route versions, seen by every process (the route files are the seed), and
-- an administrator's choice of route version for a catalogue item, which the catalogue import keeps.
CREATE TABLE "item_route_choices" (
    "ItemCode" TEXT NOT NULL CONSTRAINT "PK_item_route_choices" PRIMARY KEY,
    "Route" TEXT NOT NULL,
    "ChosenBy" TEXT NOT NULL,
    "ChosenAt" INTEGER NOT NULL
);
CREATE TABLE "route_versions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_route_versions" PRIMARY KEY,
    "RouteId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "CanonicalJson" TEXT NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "PublishedBy" TEXT NOT NULL,
    "PublishedAt" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_route_versions_RouteId_Version" ON "route_versions" ("RouteId", "Version");
