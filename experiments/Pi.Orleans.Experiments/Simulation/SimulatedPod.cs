namespace Pi.Orleans.Experiments.Simulation;

/// <summary>One simulated worker pod: when it was created, became ready and got work, its CPU per second, and its latest metric.</summary>
internal sealed class SimulatedPod(string name, double created, double readyAt, double workingAt)
{
    private readonly List<double> _cpu = [];

    public string Name => name;

    public double Created => created;

    public PodMetric? Metric { get; private set; }

    public bool IsReady(double now) => now >= readyAt;

    public bool IsWorking(double now) => now >= workingAt;

    public void AddCpu(double cores) => _cpu.Add(cores);

    /// <summary>A metrics-server scrape: the mean CPU of the last window, once the pod has lived that long.</summary>
    public void Scrape(double now, double window)
    {
        var seconds = (int)window;
        if (_cpu.Count >= seconds)
        {
            Metric = new PodMetric((long)(_cpu.TakeLast(seconds).Average() * 1000), now, window);
        }
    }

    public PodSample Sample(double now, long requestMillicores) =>
        new(name, PodPhase.Running, created, IsReady(now), IsReady(now) ? readyAt : created, requestMillicores, Metric);
}
