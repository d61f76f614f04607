using System.Text;

namespace SearchKit.Tests.Fakes;

/// <summary>A fresh folder under the system temp folder, deleted (with everything in it) on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string? prefix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"searchkit-{prefix ?? "test"}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder (not created).</summary>
    public string this[string relative] => Combine(relative);

    /// <summary>A path inside the folder (not created).</summary>
    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a UTF-8 text file (creating its folders) and returns its full path.</summary>
    public string Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes a file (creating its folders) and returns its full path.</summary>
    public string WriteBytes(string relative, byte[] bytes)
    {
        var full = Combine(relative);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that still holds a file open leaves the folder to the OS's temp cleaning.
        }
    }
}
