using System.Numerics;
using System.Runtime.InteropServices;

namespace SearchKit.Searching.Vectors;

/// <summary>Dot products with the widest SIMD registers the machine has (<see cref="Vector{T}"/>).</summary>
internal static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of {a.Length} and {b.Length} dimensions cannot be compared.", nameof(b));
        }

        ref float x = ref MemoryMarshal.GetReference(a);
        ref float y = ref MemoryMarshal.GetReference(b);
        int width = Vector<float>.Count;
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= width)
        {
            // Four accumulators hide the latency of the multiply-adds (384 dimensions = 12 AVX2 steps of 4 lanes).
            var s0 = Vector<float>.Zero;
            var s1 = Vector<float>.Zero;
            var s2 = Vector<float>.Zero;
            var s3 = Vector<float>.Zero;
            for (; i <= a.Length - (4 * width); i += 4 * width)
            {
                s0 += Vector.LoadUnsafe(ref x, (nuint)i) * Vector.LoadUnsafe(ref y, (nuint)i);
                s1 += Vector.LoadUnsafe(ref x, (nuint)(i + width)) * Vector.LoadUnsafe(ref y, (nuint)(i + width));
                s2 += Vector.LoadUnsafe(ref x, (nuint)(i + (2 * width))) * Vector.LoadUnsafe(ref y, (nuint)(i + (2 * width)));
                s3 += Vector.LoadUnsafe(ref x, (nuint)(i + (3 * width))) * Vector.LoadUnsafe(ref y, (nuint)(i + (3 * width)));
            }

            for (; i <= a.Length - width; i += width)
            {
                s0 += Vector.LoadUnsafe(ref x, (nuint)i) * Vector.LoadUnsafe(ref y, (nuint)i);
            }

            sum = Vector.Sum((s0 + s1) + (s2 + s3));
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
