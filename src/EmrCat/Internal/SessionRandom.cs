namespace EmrCat.Internal;

/// <summary>
/// Stateless, seeded randomness: every draw is a pure function of (seed, step, stream), so a session needs only its
/// seed to replay, a snapshot never has to carry generator state, and no generator is shared between threads.
/// </summary>
internal readonly record struct SessionRandom(ulong Seed)
{
    /// <summary>Streams keep unrelated draws of the same step independent.</summary>
    public const int PilotPlacement = 1, Randomesque = 2, Exposure = 3, PilotChoice = 4, Simulee = 5, TrueTheta = 6, CustomSelector = 7;

    /// <summary>A uniform double in [0, 1).</summary>
    public double Uniform(int step, int stream, int draw = 0) =>
        (Mix(Seed ^ Mix(((ulong)(uint)step << 32) | ((ulong)(uint)stream << 16) | (uint)draw)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, count).</summary>
    public int Below(int count, int step, int stream, int draw = 0) => (int)(Uniform(step, stream, draw) * count);

    /// <summary>A standard normal draw (Box–Muller on two uniforms of the same step and stream).</summary>
    public double Normal(int step, int stream)
    {
        double u1 = 1.0 - Uniform(step, stream, 0), u2 = Uniform(step, stream, 1);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>SplitMix64's finaliser: a bijective 64-bit mixer with good avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
