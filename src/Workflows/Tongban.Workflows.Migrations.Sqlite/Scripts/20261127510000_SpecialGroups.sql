-- The resident's side (issue 14): the special-groups register (特殊群体台账), sensitive personal data (PIPL §28):
-- rows are deleted once their purpose ends (Until).
CREATE TABLE "special_group_members" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_special_group_members" PRIMARY KEY,
    "CommunityId" TEXT NOT NULL,
    "GridCode" TEXT NULL,
    "Name" TEXT NOT NULL,
    "IdNumber" TEXT NOT NULL,
    "Phone" TEXT NULL,
    "Group" TEXT NOT NULL,
    "DisabilityGrade" INTEGER NULL,
    "Since" TEXT NOT NULL,
    "Until" TEXT NOT NULL,
    "ContactName" TEXT NULL,
    "ContactPhone" TEXT NULL,
    "Note" TEXT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);
CREATE INDEX "IX_special_group_members_CommunityId_GridCode" ON "special_group_members" ("CommunityId", "GridCode");
CREATE INDEX "IX_special_group_members_Until" ON "special_group_members" ("Until");
