using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.Workflows.Definitions;

namespace Tongban.Gateway.Pages;

/// <summary>Sends each person to where their work starts.</summary>
public sealed class IndexModel : StaffPage
{
    public IActionResult OnGet()
    {
        if (Me.Holds(PostRole.BureauSupervisor)) return Redirect("/bureau");
        if (Me.Holds(PostRole.WindowClerk)) return Redirect("/window/consult");
        if (Me.Holds(PostRole.Specialist) || Me.Holds(PostRole.BackOffice) || Me.Holds(PostRole.DepartmentOfficer)) return Redirect("/queue");
        if (Me.Holds(PostRole.GridWorker)) return Redirect("/grid/collections");
        if (User.IsInRole("Administrator")) return Redirect("/admin/routes");
        return Page();
    }
}
