using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Residents;

public static class ResidentNoticesExtensions
{
    /// <summary>Milestone notices: staged with the milestone's save, sent by a relay in every process.</summary>
    public static IServiceCollection AddResidentNotices(this IServiceCollection services)
    {
        services.AddOptions<NoticeOptions>().BindConfiguration("Notices");
        services.TryAddSingleton<JurisdictionNames>();
        services.AddSingleton<ResidentNoticeStaging>();
        services.AddHostedService<ResidentNoticeRelay>();
        return services.ConfigureDbContext<TongbanDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<ResidentNoticeStaging>()));
    }
}
