using System.Diagnostics;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;
using Pi.Orleans.Experiments.Local;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>Plays a load script against the Api: submits each step's calculations on time, waits where the step says, and follows them to the end.</summary>
public sealed class LoadRunner(LoadScript script, ExperimentCluster cluster, ClusterSampler sampler, Stopwatch clock, IAnsiConsole console)
{
    private readonly List<SubmittedCalculation> _calculations = [];

    /// <summary>The calculations so far, with their latest known state.</summary>
    public IReadOnlyList<SubmittedCalculation> Calculations
    {
        get
        {
            lock (_calculations)
            {
                return [.. _calculations];
            }
        }
    }

    public bool AllFinished => Calculations.All(c => c.Calculation.IsFinished);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var step in script.Steps)
        {
            sampler.Phase = step.Phase;
            var mine = new List<Guid>();
            for (var i = 0; i < step.Count; i++)
            {
                if (i > 0 && step.EverySeconds > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(step.EverySeconds), cancellationToken);
                }

                mine.Add(await SubmitAsync(step.Phase, step.Points, step.SeedOf(i), cancellationToken));
            }

            if (step.Count > 0)
            {
                console.MarkupLine(Markup.Escape($"[{clock.Elapsed.TotalSeconds:0.0} s] {step.Phase}: submitted {step.Count} × {step.Points:0.###e0} points"));
            }

            if (step.Wait)
            {
                await WaitAsync(() => Calculations.Where(c => mine.Contains(c.Calculation.Id)).All(c => c.Calculation.IsFinished), cancellationToken);
            }

            if (step.Seconds > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(step.Seconds), cancellationToken);
            }
        }
    }

    /// <summary>Submits one distributed calculation and follows it; returns its id.</summary>
    public async Task<Guid> SubmitAsync(string phase, long points, ulong seed, CancellationToken cancellationToken)
    {
        var c = await cluster.Api.SubmitAsync(points, "distributed", seed, cancellationToken);
        sampler.Track(c);
        lock (_calculations)
        {
            _calculations.Add(new SubmittedCalculation(phase, clock.Elapsed.TotalSeconds, c));
        }

        return c.Id;
    }

    /// <summary>Polls the unfinished calculations every 500 ms until <paramref name="done"/> holds.</summary>
    public async Task WaitAsync(Func<bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            await RefreshAsync(cancellationToken);
            if (done())
            {
                return;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>Reads the unfinished calculations once.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var open in Calculations.Where(c => !c.Calculation.IsFinished))
        {
            Calculation latest;
            try
            {
                latest = await cluster.Api.GetAsync(open.Calculation.Id, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or ApiException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                continue;
            }

            lock (_calculations)
            {
                var i = _calculations.FindIndex(c => c.Calculation.Id == latest.Id);
                _calculations[i] = _calculations[i] with { Calculation = latest, FinishedAt = latest.IsFinished ? clock.Elapsed.TotalSeconds : null };
            }
        }
    }
}
