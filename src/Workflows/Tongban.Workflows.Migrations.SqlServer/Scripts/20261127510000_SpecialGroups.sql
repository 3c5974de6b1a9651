-- The resident's side (issue 14): the special-groups register (特殊群体台账), sensitive personal data (PIPL §28):
-- rows are deleted once their purpose ends (Until).
CREATE TABLE [special_group_members] (
    [Id] uniqueidentifier NOT NULL,
    [CommunityId] nvarchar(40) NOT NULL,
    [GridCode] nvarchar(40) NULL,
    [Name] nvarchar(50) NOT NULL,
    [IdNumber] nvarchar(18) NOT NULL,
    [Phone] nvarchar(20) NULL,
    [Group] nvarchar(20) NOT NULL,
    [DisabilityGrade] int NULL,
    [Since] date NOT NULL,
    [Until] date NOT NULL,
    [ContactName] nvarchar(50) NULL,
    [ContactPhone] nvarchar(20) NULL,
    [Note] nvarchar(200) NULL,
    [CreatedBy] nvarchar(60) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_special_group_members] PRIMARY KEY ([Id])
);
CREATE INDEX [IX_special_group_members_CommunityId_GridCode] ON [special_group_members] ([CommunityId], [GridCode]);
CREATE INDEX [IX_special_group_members_Until] ON [special_group_members] ([Until]);
