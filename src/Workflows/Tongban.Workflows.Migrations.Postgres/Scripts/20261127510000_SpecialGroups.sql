-- The resident's side (issue 14): the special-groups register (特殊群体台账), sensitive personal data (PIPL §28):
-- rows are deleted once their purpose ends (Until).
CREATE TABLE special_group_members (
    "Id" uuid NOT NULL,
    "CommunityId" character varying(40) NOT NULL,
    "GridCode" character varying(40),
    "Name" character varying(50) NOT NULL,
    "IdNumber" character varying(18) NOT NULL,
    "Phone" character varying(20),
    "Group" character varying(20) NOT NULL,
    "DisabilityGrade" integer,
    "Since" date NOT NULL,
    "Until" date NOT NULL,
    "ContactName" character varying(50),
    "ContactPhone" character varying(20),
    "Note" character varying(200),
    "CreatedBy" character varying(60) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_special_group_members" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_special_group_members_CommunityId_GridCode" ON special_group_members ("CommunityId", "GridCode");
CREATE INDEX "IX_special_group_members_Until" ON special_group_members ("Until");
