// The daemon is Linux-only (src/Vrrpd/Platform.cs); so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
