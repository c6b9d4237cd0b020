namespace Pi.Orleans.Core.Sampling;

/// <summary>The code path that counts the points; every kernel gives bit-identical counts.</summary>
public enum SamplerKernel
{
    /// <summary>The widest kernel the CPU accelerates.</summary>
    Auto,

    /// <summary>One 64-bit generator at a time; runs everywhere.</summary>
    Scalar,

    /// <summary>The eight lanes of a block in two 256-bit vectors.</summary>
    Vector256,

    /// <summary>The eight lanes of a block in one 512-bit vector.</summary>
    Vector512,
}
