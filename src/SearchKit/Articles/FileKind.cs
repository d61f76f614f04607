using System.Runtime.InteropServices;

namespace SearchKit.Articles;

/// <summary>What a path names, as far as reading articles is concerned.</summary>
internal enum FileKind
{
    /// <summary>Nothing: the path does not exist (or a link points at nothing).</summary>
    Missing,

    /// <summary>A regular file: the only kind that is ever opened.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A symbolic link (only from <see cref="FileKinds.OfEntry"/>, which does not follow links).</summary>
    Link,

    /// <summary>A named pipe: opening one for reading blocks until a writer comes, possibly forever.</summary>
    Fifo,

    /// <summary>A character device such as <c>/dev/zero</c> or <c>/dev/urandom</c>: endless data.</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Symbolic links that lead to each other without end.</summary>
    LinkLoop,

    /// <summary>The path exists but could not be examined (for example a permission error on the way).</summary>
    Unknown,
}

/// <summary>
/// Tells regular files from pipes, devices and sockets without opening them: .NET's own file APIs report a named
/// pipe as an ordinary empty file, and opening one blocks until a writer appears. On Unix this asks stat(2)
/// through the runtime's own native shim (the one <see cref="File"/> itself uses); on Windows, where such
/// entries do not appear in folders, the file attributes are enough.
/// </summary>
internal static class FileKinds
{
    // The type bits of the mode, as the runtime's shim reports them (the same values on every Unix).
    private const int TypeMask = 0xF000;
    private const int TypeFifo = 0x1000;
    private const int TypeCharacter = 0x2000;
    private const int TypeDirectory = 0x4000;
    private const int TypeBlock = 0x6000;
    private const int TypeRegular = 0x8000;
    private const int TypeLink = 0xA000;
    private const int TypeSocket = 0xC000;

    // The shim's FileStatus is {int32 Flags; int32 Mode; ...}: the mode has sat at offset 4 since the first
    // .NET Core. The buffer is larger than any version of the struct.
    private const int ModeOffset = 4;
    private const int StatusBufferSize = 512;

    /// <summary>What <paramref name="path"/> names, following symbolic links to their final target.</summary>
    public static FileKind Of(string path) => Examine(path, followLinks: true);

    /// <summary>What <paramref name="path"/> itself is, without following a symbolic link at its end.</summary>
    public static FileKind OfEntry(string path) => Examine(path, followLinks: false);

    /// <summary>A few words for a kind, for messages: "a named pipe (FIFO)".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "nothing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.Link => "a symbolic link",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.LinkLoop => "a loop of symbolic links",
        _ => "something that cannot be examined",
    };

    private static FileKind Examine(string path, bool followLinks)
    {
        if (!OperatingSystem.IsWindows())
        {
            var status = new byte[StatusBufferSize];
            try
            {
                int result = followLinks ? Native.Stat(path, status) : Native.LStat(path, status);
                if (result == 0)
                {
                    return FromMode(BitConverter.ToInt32(status, ModeOffset));
                }

                // errno: ENOENT and ENOTDIR (2 and 20 on Linux and macOS alike) mean nothing is there; ELOOP
                // (40 on Linux, 62 on macOS) a loop of links. Anything else (EACCES) is a path we cannot look at.
                return Marshal.GetLastPInvokeError() switch
                {
                    2 or 20 => FileKind.Missing,
                    40 when OperatingSystem.IsLinux() => FileKind.LinkLoop,
                    62 when OperatingSystem.IsMacOS() => FileKind.LinkLoop,
                    _ => FileKind.Unknown,
                };
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A runtime without the shim: fall through to what .NET's own APIs can tell.
            }
        }

        return FromAttributes(path, followLinks);
    }

    private static FileKind FromMode(int mode) => (mode & TypeMask) switch
    {
        TypeRegular => FileKind.Regular,
        TypeDirectory => FileKind.Directory,
        TypeLink => FileKind.Link,
        TypeFifo => FileKind.Fifo,
        TypeCharacter => FileKind.CharacterDevice,
        TypeBlock => FileKind.BlockDevice,
        TypeSocket => FileKind.Socket,
        _ => FileKind.Unknown,
    };

    private static FileKind FromAttributes(string path, bool followLinks)
    {
        try
        {
            FileSystemInfo info = new FileInfo(path);
            if (!info.Exists)
            {
                info = new DirectoryInfo(path);
                if (!info.Exists)
                {
                    return FileKind.Missing;
                }
            }

            if (info.LinkTarget is not null)
            {
                if (!followLinks)
                {
                    return FileKind.Link;
                }

                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                return target is null || !target.Exists ? FileKind.Missing : FromAttributes(target.FullName, followLinks: false);
            }

            return info.Attributes.HasFlag(FileAttributes.Directory) ? FileKind.Directory
                : info.Attributes.HasFlag(FileAttributes.Device) ? FileKind.CharacterDevice
                : FileKind.Regular;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FileKind.Unknown;
        }
    }

    private static class Native
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
        public static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
    }
}
