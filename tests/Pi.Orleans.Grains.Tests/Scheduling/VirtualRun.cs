using Microsoft.Extensions.Time.Testing;
using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Scheduling;

namespace Pi.Orleans.Grains.Tests.Scheduling;

/// <summary>
/// Runs one distributed calculation's <see cref="ChunkScheduler"/> against <see cref="VirtualSilo"/>s in 10 ms steps of a
/// virtual clock, as the calculation grain drives it: what it sends is queued on its silo, what ends is reported, and the
/// attempts it gives up are cancelled. Counts every accepted result per chunk.
/// </summary>
internal sealed class VirtualRun(ChunkPlan plan, PiOptions options, params VirtualSilo[] silos)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private readonly FakeTimeProvider _time = new();

    public Dictionary<int, int> Accepted { get; } = [];

    public List<(TimeSpan At, ChunkDispatch Dispatch)> Sent { get; } = [];

    public ChunkScheduler Scheduler { get; private set; } = null!;

    public TimeSpan Run(TimeSpan limit)
    {
        var start = _time.GetUtcNow();
        Scheduler = ChunkScheduler.Create(singleSilo: false, plan.ChunkCount, i => i, options.ToScheduling(), _time, plan.PointsOf);
        var byName = silos.ToDictionary(s => s.Name);
        while (!Scheduler.IsDone)
        {
            var elapsed = _time.GetUtcNow() - start;
            Assert.True(elapsed < limit, $"not done after {limit}: {Accepted.Count} of {plan.ChunkCount} chunks");

            // ClusterSlots leaves out a silo that does not answer (frozen).
            var now = _time.GetUtcNow();
            List<SiloSlots> view = [.. silos.Where(s => now < s.FrozenFrom || now >= s.FrozenUntil).Select(s => s.Snapshot)];
            foreach (var dispatch in Scheduler.Dispatch(view))
            {
                Sent.Add((elapsed, dispatch));
                byName[dispatch.Silo!].Add(dispatch, plan.PointsOf(dispatch.Index));
            }

            _time.Advance(Step);
            foreach (var silo in silos)
            {
                foreach (var (dispatch, rate) in silo.Advance(now, Step))
                {
                    if (!Scheduler.IsLive(dispatch))
                    {
                        continue;
                    }

                    Accepted[dispatch.Index] = Accepted.GetValueOrDefault(dispatch.Index) + 1;
                    foreach (var loser in Scheduler.Succeeded(dispatch, rate))
                    {
                        byName[loser.Silo!].Cancel(loser);
                    }
                }
            }
        }

        return _time.GetUtcNow() - start;
    }
}
