using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.SpecialGroups;

namespace Tongban.Gateway.Pages.Community;

/// <summary>主动服务清单: who in the register seems eligible for which item and has no case for it, for the grid's staff to visit (<see cref="ListProactive"/>).</summary>
public sealed class ProactiveModel(ListProactive list) : StaffPage
{
    [BindProperty(SupportsGet = true, Name = "grid")]
    public string? Grid { get; set; }

    public ListProactive.Answer? Answer { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        switch (await list.HandleAsync(new(null, string.IsNullOrWhiteSpace(Grid) ? null : Grid), Me.Actor, ct))
        {
            case Outcome<ListProactive.Answer>.Ok { Value: var a }:
                Answer = a;
                return Page();
            case Outcome<ListProactive.Answer>.Forbidden f:
                return Forbidden(f.Reason);
            default:
                return BadRequest();
        }
    }
}
