namespace Personality.Services;

/// <summary>Which kinds of service a command looks at (chkconfig's <c>--type sysv|xinetd</c>).</summary>
[Flags]
public enum ServiceTypes
{
    /// <summary>A script in /etc/rc.d/init.d with its rcN.d links.</summary>
    InitScript = 1,

    /// <summary>A file in /etc/xinetd.d, switched by its <c>disable =</c> line.</summary>
    Xinetd = 2,

    Any = InitScript | Xinetd,
}
