// The tests drive a Linux binary with loop devices and mount namespaces: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
