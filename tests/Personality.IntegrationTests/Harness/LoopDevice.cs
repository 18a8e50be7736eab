namespace Personality.IntegrationTests.Harness;

/// <summary>Attaching image files to loop devices and detaching them, with the retries both need.</summary>
public static class LoopDevice
{
    /// <summary>Attaches an image (read-only if asked) and returns the device path.</summary>
    public static string Attach(string image, bool readOnly = false)
    {
        // Two losetup --find calls at once can pick the same free device; losetup then fails, so retry.
        for (var attempt = 1; ; attempt++)
        {
            var r = Shell.Run("losetup", readOnly ? ["--find", "--show", "-r", image] : ["--find", "--show", image]);
            var device = r.Stdout.Trim();
            if (r.ExitCode == 0 && device.StartsWith("/dev/loop", StringComparison.Ordinal))
                return device;
            if (attempt == 10)
                throw new InvalidOperationException("losetup could not attach the image:\n" + r);
            Thread.Sleep(100 * attempt);
        }
    }

    /// <summary>Detaches a device from its image, retrying while a namespace that mounted it tears down.</summary>
    public static void Detach(string device, string image)
    {
        ProcessResult? last = null;
        for (var attempt = 1; attempt <= 50; attempt++)
        {
            last = Shell.Run("losetup", ["-d", device]);
            if (!IsAttachedTo(device, image))
                return;
            Thread.Sleep(100);
        }
        throw new InvalidOperationException($"could not detach {device} from {image}:\n{last}");
    }

    /// <summary>Detaches (when attached) and then removes the image's directory, even if detaching fails.</summary>
    public static void Release(string device, string image, IDisposable imageDirectory)
    {
        try
        {
            if (device.Length > 0)
                Detach(device, image);
        }
        finally
        {
            imageDirectory.Dispose();
        }
    }

    public static bool IsAttachedTo(string device, string image)
    {
        var backing = $"/sys/class/block/{Path.GetFileName(device)}/loop/backing_file";
        return File.Exists(backing) && File.ReadAllText(backing).Trim().StartsWith(image, StringComparison.Ordinal);
    }
}
