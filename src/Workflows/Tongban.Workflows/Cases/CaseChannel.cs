namespace Tongban.Workflows.Cases;

/// <summary>How an application came in: at the window, door-to-door (上门代办), or online with staff call-back.</summary>
public enum CaseChannel
{
    Window,
    DoorToDoor,
    Online,
}
