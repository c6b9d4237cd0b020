using Pi.Orleans.Experiments.Profiling;

namespace Pi.Orleans.Experiments.Tests.Profiling;

public sealed class PerfCategoriesTests
{
    [Fact]
    public void ASampleBelongsToTheFirstPartFoundFromItsLeafUp()
    {
        string[] jsonInKestrel =
        [
            "7f01 instance void [System.Text.Json] System.Text.Json.Utf8JsonWriter::WriteNumberValue(int64)[OptimizedTier1] (/tmp/perf-1.map)",
            "7f02 instance void [Microsoft.AspNetCore.Server.Kestrel.Core] Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol::X()[OptimizedTier1] (/tmp/perf-1.map)",
        ];
        string[] storageInAGrainCall =
        [
            "7f03 instance void [System.Private.CoreLib] System.Collections.Generic.Dictionary`2::TryInsert()[OptimizedTier1] (/tmp/perf-1.map)",
            "7f04 instance class Task [Pi.Orleans.Hosting] Pi.Orleans.Hosting.Storage.BoundedMemoryGrainStorage::WriteStateAsync()[OptimizedTier1] (/tmp/perf-1.map)",
            "7f05 instance void [Orleans.Runtime] Orleans.Runtime.InsideRuntimeClient+<Invoke>d__50::MoveNext()[OptimizedTier1] (/tmp/perf-1.map)",
        ];

        Assert.Equal("JSON", PerfCategories.Classify(jsonInKestrel));
        Assert.Equal("state storage", PerfCategories.Classify(storageInAGrainCall));
        Assert.Equal("JIT compiler", PerfCategories.Classify(["5a1 [unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libclrjit.so)"]));
        Assert.Equal("runtime (GC, stubs)", PerfCategories.Classify(["4a1 [unknown] (/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libcoreclr.so)"]));
    }

    [Fact]
    public void PerfScriptOutputIsCountedSampleBySample()
    {
        string[] script =
        [
            ".NET TP Worker 14267 ",
            "\t    7f248d5ff99a int64 [Pi.Orleans.Core] Pi.Orleans.Core.Sampling.Vector512Kernel::CountBlock(uint64,int64,int32)[Optimized] (/tmp/perf-13899.map)",
            "\t    7f248e3cbf2f int64 [Pi.Orleans.Core] Pi.Orleans.Core.Sampling.PiSampler::CountBlock()[OptimizedTier1] (/tmp/perf-13899.map)",
            "",
            ".NET TP Worker 14267 ",
            "\tffffffff82244564 irqentry_exit_to_user_mode ([kernel.kallsyms])",
            "",
            ".NET TP Worker 14268 ",
            "\t    7f248d5ff99a int64 [Pi.Orleans.Core] Pi.Orleans.Core.Sampling.Vector512Kernel::CountBlock(uint64,int64,int32)[Optimized] (/tmp/perf-13899.map)",
        ];

        var counts = PerfCategories.Count(script);

        Assert.Equal(2, counts["sampling (the kernel)"]);
        Assert.Equal(1, counts["kernel (sockets, scheduling)"]);
        Assert.Equal(3, counts.Values.Sum());
    }
}
