import java.util.concurrent.ThreadLocalRandom;

/**
 * SparkPi's inner loop on one core, without Spark: x = random * 2 - 1, y = random * 2 - 1, inside when x*x + y*y <= 1.
 * Two generators: Math.random() (what SparkPi calls, a shared, synchronised-by-CAS java.util.Random) and
 * ThreadLocalRandom. Usage: java SparkPiLoop [points=2e8] [repeats=3]
 * Prints one line per variant: java-<variant> mpoints_per_s=<median> best=<best> points=<n> pi=<estimate>
 */
public final class SparkPiLoop {
    private SparkPiLoop() {
    }

    private static long mathRandom(long points) {
        long inside = 0;
        for (long i = 0; i < points; i++) {
            double x = Math.random() * 2 - 1;
            double y = Math.random() * 2 - 1;
            if (x * x + y * y <= 1) {
                inside++;
            }
        }
        return inside;
    }

    private static long threadLocalRandom(long points) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long inside = 0;
        for (long i = 0; i < points; i++) {
            double x = random.nextDouble() * 2 - 1;
            double y = random.nextDouble() * 2 - 1;
            if (x * x + y * y <= 1) {
                inside++;
            }
        }
        return inside;
    }

    private interface Loop {
        long count(long points);
    }

    private static void measure(String name, Loop loop, long points, int repeats) {
        // Warm-up: let C2 compile the loop before the clock starts.
        for (int i = 0; i < 3; i++) {
            loop.count(points / 10);
        }
        double[] rates = new double[repeats];
        long inside = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            inside = loop.count(points);
            rates[i] = points / ((System.nanoTime() - start) / 1e9) / 1e6;
        }
        java.util.Arrays.sort(rates);
        System.out.printf(java.util.Locale.ROOT, "java-%s mpoints_per_s=%.1f best=%.1f points=%d pi=%.6f java=%s%n", name,
                rates[repeats / 2], rates[repeats - 1], points, 4.0 * inside / points, System.getProperty("java.version"));
    }

    public static void main(String[] args) {
        long points = args.length > 0 ? (long) Double.parseDouble(args[0]) : 200_000_000L;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        measure("math-random", SparkPiLoop::mathRandom, points, repeats);
        measure("threadlocalrandom", SparkPiLoop::threadLocalRandom, points, repeats);
    }
}
