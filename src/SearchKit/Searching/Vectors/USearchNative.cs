using System.Runtime.InteropServices;

namespace SearchKit.Searching.Vectors;

/// <summary>
/// The C API of USearch (<c>libusearch_c</c>, from the <c>Cloud.Unum.USearch</c> package, whose version is pinned
/// centrally). Declared here rather than used through the package's managed wrapper because the wrapper copies
/// every vector into a new array, has no filtered search and no thread settings. The library does not reference
/// the package itself: an application that wants the approximate index references it (its native files are
/// several MB per platform); without it every search is exact. Enum values are those of the C header.
/// </summary>
internal static class USearchNative
{
    private const string Library = "libusearch_c";

    public const uint MetricInnerProduct = 2;
    public const uint ScalarF32 = 1;
    public const uint ScalarF16 = 3;
    public const uint ScalarI8 = 4;

    /// <summary><c>usearch_init_options_t</c>; the trailing words are zero padding in case a later header grows.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public uint MetricKind;
        public IntPtr Metric;
        public uint Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
        public nuint Reserved0;
        public nuint Reserved1;
        public nuint Reserved2;
        public nuint Reserved3;
    }

    /// <summary>The filter of <c>usearch_filtered_search</c>: non-zero keeps the key.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int Filter(ulong key, IntPtr state);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr usearch_init(ref InitOptions options, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_free(IntPtr index, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_reserve(IntPtr index, nuint capacity, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_change_threads_add(IntPtr index, nuint threads, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_change_threads_search(IntPtr index, nuint threads, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_change_expansion_search(IntPtr index, nuint expansion, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_add(IntPtr index, ulong key, in float vector, uint kind, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint usearch_search(
        IntPtr index, in float query, uint kind, nuint count, [Out] ulong[] keys, [Out] float[] distances, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint usearch_filtered_search(
        IntPtr index, in float query, uint kind, nuint count, Filter filter, IntPtr state,
        [Out] ulong[] keys, [Out] float[] distances, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint usearch_size(IntPtr index, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint usearch_dimensions(IntPtr index, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint usearch_memory_usage(IntPtr index, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern void usearch_save(IntPtr index, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern void usearch_view(IntPtr index, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, out IntPtr error);

    /// <summary>Throws when the native call reported an error (its message is static: nothing to free).</summary>
    public static void Check(IntPtr error, string operation)
    {
        if (error != IntPtr.Zero)
        {
            throw new InvalidOperationException($"The vector index failed to {operation}: {Marshal.PtrToStringUTF8(error)}");
        }
    }
}
