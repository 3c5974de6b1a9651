using System.Net;
using System.Net.Sockets;

namespace Tongban.Testing;

public static class Ports
{
    /// <summary>A TCP port on the loopback interface that nothing listens on at the moment.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
