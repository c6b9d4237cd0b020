using Microsoft.Extensions.Options;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Grains;

/// <summary>Cross-field and machine checks of <see cref="PiOptions"/>; reports every failure, each naming its key.</summary>
internal sealed class PiOptionsValidator : IValidateOptions<PiOptions>
{
    public ValidateOptionsResult Validate(string? name, PiOptions options)
    {
        var failures = new List<string>();
        if (options.ChunkTimeout <= TimeSpan.Zero)
        {
            failures.Add("Pi:ChunkTimeout must be positive.");
        }

        if (options.ChunkTimeout > ChunkTiming.CallLimit)
        {
            failures.Add($"Pi:ChunkTimeout {options.ChunkTimeout} is longer than {ChunkTiming.CallLimit}: a chunk call must end before Orleans' 30 s response timeout.");
        }

        if (options.ChunkDuration < TimeSpan.Zero || options.ChunkDuration * ChunkTiming.TimeoutFactor > ChunkTiming.CallLimit)
        {
            failures.Add($"Pi:ChunkDuration {options.ChunkDuration} must be between 0 and {ChunkTiming.CallLimit / ChunkTiming.TimeoutFactor}: a chunk's timeout is {ChunkTiming.TimeoutFactor} × its duration and must stay under {ChunkTiming.CallLimit}.");
        }

        // Without a measured rate the largest calculation is cut by ChunkPoints; past MaxChunks its chunks would grow without
        // bound (10^15 points in 4,096 chunks took 70 s each and timed out on every attempt).
        if ((decimal)options.MaxTotalPoints > (decimal)options.MaxChunks * options.ChunkPoints)
        {
            failures.Add($"Pi:MaxTotalPoints {options.MaxTotalPoints} needs more than Pi:MaxChunks {options.MaxChunks} chunks of Pi:ChunkPoints {options.ChunkPoints}: raise Pi:MaxChunks or Pi:ChunkPoints, or lower Pi:MaxTotalPoints.");
        }

        if (options.MinChunkDuration < TimeSpan.Zero || (options.ChunkDuration > TimeSpan.Zero && options.MinChunkDuration > options.ChunkDuration))
        {
            failures.Add($"Pi:MinChunkDuration {options.MinChunkDuration} must be between 0 and Pi:ChunkDuration {options.ChunkDuration}.");
        }

        if (options.OverdueSlack < TimeSpan.Zero)
        {
            failures.Add("Pi:OverdueSlack must not be negative.");
        }

        if (options.PersistInterval < TimeSpan.Zero)
        {
            failures.Add("Pi:PersistInterval must not be negative.");
        }

        try
        {
            PiSampler.Resolve(options.Kernel);
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or ArgumentOutOfRangeException)
        {
            failures.Add($"Pi:Kernel {options.Kernel} cannot run here: {ex.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
