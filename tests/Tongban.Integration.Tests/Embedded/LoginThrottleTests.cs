using System.Net;
using Tongban.Gateway.Auth;
using Tongban.Testing;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>The login throttle keeps a small key per (username, address), whatever length of username is sent.</summary>
public sealed class LoginThrottleTests
{
    [Fact]
    public void A_long_username_is_counted_by_its_first_characters_so_a_key_stays_small()
    {
        var throttle = new LoginThrottle(new ManualClock(DateTimeOffset.Parse("2026-11-23T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture)));
        var address = IPAddress.Loopback;
        var prefix = new string('x', LoginThrottle.MaxUsernameLength);

        // Five failures under five different megabyte-long names that share their first 64 characters: one key.
        for (var i = 0; i < LoginThrottle.MaxFailures; i++) throttle.Failed(prefix + new string((char)('a' + i), 1_000_000), address);

        Assert.NotNull(throttle.RetryAfter(prefix, address));
        Assert.NotNull(throttle.RetryAfter(" " + prefix.ToUpperInvariant() + "tail ", address));
        Assert.Null(throttle.RetryAfter(prefix[..^1], address));
    }
}
