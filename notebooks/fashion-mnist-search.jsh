// Notebook 3 in a terminal: a MetaQNN search on Fashion-MNIST on the CPU, its top models, the best
// re-trained and tested with their ensemble, and the report (tables and figures) in a folder.
//   kernel-setup/jshell notebooks/fashion-mnist-search.jsh          (METAQNN4J_MODE=full for the long run)
boolean quick = !"full".equals(System.getenv("METAQNN4J_MODE"));
var data = Datasets.fashionMnist().validation(quick ? 300 : 1_000).subsample(quick ? 1_300 : 6_000).seed(1).load();
var result = Search.qLearning(StateSpace.small().maxDepth(quick ? 4 : 6).build()).evaluator(Dl4jEvaluator.on(data).scheme(TrainingScheme.paper().epochs(quick ? 1 : 3))).schedule(EpsilonSchedule.paper().scaledTo(quick ? 6 : 60)).seed(1).run();
show(ExperimentReport.of(result).topModels(5));
var finals = FinalTraining.on(data).scheme(TrainingScheme.paper().epochs(quick ? 1 : 5)).train(result.topModels(quick ? 2 : 3).stream().map(m -> m.architecture()).toList());
show(finals);
System.out.println("report: " + ExperimentReport.of(result).writeTo(Path.of("fashion-mnist-report"), 10).size() + " files in fashion-mnist-report/");
/exit
