namespace Tongban.Workflows.Definitions;

/// <summary>The kinds of post (岗位) that hold a case at some stage of its route.</summary>
public enum PostRole
{
    /// <summary>综合窗口: the intake window clerk of an urban community.</summary>
    WindowClerk,

    /// <summary>通办专员: the urban-community specialist who reviews and forwards.</summary>
    Specialist,

    /// <summary>户籍乡镇后台: the back office of the household-registration township.</summary>
    BackOffice,

    /// <summary>督办: the county administrative approval bureau's supervision post.</summary>
    BureauSupervisor,

    /// <summary>县直部门经办: a county department's post giving its opinion in a parallel branch (e.g. 县残联).</summary>
    DepartmentOfficer,

    /// <summary>网格员: the grid worker of one grid of an urban community (collects materials at residents' homes).</summary>
    GridWorker,
}

public static class PostRoles
{
    /// <summary>Which of a case's two jurisdictions a post of this role belongs to.</summary>
    public static CaseSide SideOf(PostRole role) => role switch
    {
        PostRole.WindowClerk or PostRole.Specialist or PostRole.GridWorker => CaseSide.IntakeCommunity,
        PostRole.BackOffice => CaseSide.RegistrationTownship,
        _ => CaseSide.County,
    };
}

/// <summary>The jurisdictions a case touches: where it was handed in, and where the resident is registered.</summary>
public enum CaseSide
{
    IntakeCommunity,
    RegistrationTownship,
    County,
}
