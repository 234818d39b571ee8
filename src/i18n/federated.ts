import { family } from './family';

/**
 * UI strings of the federated-averaging lab (`src/components/labs/outlook/FederatedLab.svelte`);
 * English and 简体中文 side by side. `families.ts` lists this family.
 */
export const federated = family({
  en: {
    'fed.title': 'Federated averaging: many clients, one model, no data sent',
    'fed.static':
      'Ten to twenty simulated clients each keep a shard of MNIST and train a small network on it; a server averages their weights after every round. The lab compares its test accuracy, round by round, with the same network trained on all the examples in one place, and counts the bytes the rounds would have sent.',
    'fed.plan':
      'The first Train downloads {size} of MNIST into this browser. The clients are simulated in this tab: nothing you train here leaves it.',
    'fed.split': 'How the examples are dealt',
    'fed.split.iid': 'Evenly at random (IID)',
    'fed.split.dirichlet': 'By label (Dirichlet, concentration α)',
    'fed.field.clients': 'Clients K',
    'fed.field.alpha': 'Concentration α',
    'fed.field.fraction': 'Fraction of clients per round C',
    'fed.field.localEpochs': 'Local epochs E',
    'fed.field.rounds': 'Communication rounds',
    'fed.field.examples': 'Training examples, all clients together',
    'fed.field.learningRate': 'Learning rate η (SGD)',
    'fed.field.batchSize': 'Local batch size B',
    'fed.field.seed': 'Seed',
    'fed.progress': 'Round {round} of {rounds}: client {client} of {clients} trained',
    'fed.chart.title': 'Test accuracy after each communication round',
    'fed.chart.label':
      'Line chart: test accuracy of the federated model and of the centralised model after each communication round',
    'fed.chart.x': 'communication round',
    'fed.chart.y': 'test accuracy',
    'fed.series.federated': 'Federated averaging',
    'fed.series.central': 'Centralised, same examples',
    'fed.table.summary': 'The accuracies as a table',
    'fed.table.x': 'Round',
    'fed.readout':
      'After round {round}: federated {fed}, centralised {central} on {tested} test images. The rounds so far would have sent {bytes} over the network: {params} parameters × 4 bytes × {participants} clients × 2 (down and up) each round.',
    'fed.announce': 'Round {round}: federated {fed}, centralised {central}.',
    'fed.clients.title': 'What each client holds',
    'fed.clients.caption':
      'Examples of each digit per client (the bar under each number grows with it). On average {skew} of a client’s examples are of its most common digit (about 10 % when dealt evenly).',
    'fed.clients.client': 'Client',
    'fed.clients.total': 'All',
  },
  'zh-cn': {
    'fed.title': '联邦平均：许多客户端，一个模型，数据不出门',
    'fed.static':
      '十到二十个模拟客户端各自保存一份 MNIST 数据，在本地训练一个小网络；服务器在每一轮之后对它们的权重求平均。本实验逐轮比较它与在同一处用全部样本训练的同一网络的测试准确率，并统计这些轮次本应在网络上传输的字节数。',
    'fed.plan':
      '第一次点击“训练”时，会把 {size} 的 MNIST 下载到本浏览器。客户端都在这个标签页里模拟：这里训练的任何东西都不会离开它。',
    'fed.split': '样本如何分给客户端',
    'fed.split.iid': '随机均分（独立同分布）',
    'fed.split.dirichlet': '按标签划分（狄利克雷分布，集中参数 α）',
    'fed.field.clients': '客户端数 K',
    'fed.field.alpha': '集中参数 α',
    'fed.field.fraction': '每轮参与的客户端比例 C',
    'fed.field.localEpochs': '本地轮数 E',
    'fed.field.rounds': '通信轮数',
    'fed.field.examples': '训练样本数（所有客户端合计）',
    'fed.field.learningRate': '学习率 η（SGD）',
    'fed.field.batchSize': '本地批大小 B',
    'fed.field.seed': '随机种子',
    'fed.progress': '第 {round} / {rounds} 轮：已有 {client} / {clients} 个客户端完成训练',
    'fed.chart.title': '每一轮通信后的测试准确率',
    'fed.chart.label': '折线图：联邦模型与集中训练模型在每一轮通信后的测试准确率',
    'fed.chart.x': '通信轮次',
    'fed.chart.y': '测试准确率',
    'fed.series.federated': '联邦平均',
    'fed.series.central': '集中训练（相同样本）',
    'fed.table.summary': '以表格查看准确率',
    'fed.table.x': '轮次',
    'fed.readout':
      '第 {round} 轮之后：在 {tested} 张测试图像上，联邦模型 {fed}，集中训练 {central}。到目前为止，这些轮次本应在网络上传输 {bytes}：每轮 {params} 个参数 × 4 字节 × {participants} 个客户端 × 2（下发与上传）。',
    'fed.announce': '第 {round} 轮：联邦 {fed}，集中 {central}。',
    'fed.clients.title': '每个客户端持有的数据',
    'fed.clients.caption':
      '每个客户端各数字的样本数（数字下方的横条越长，样本越多）。平均而言，一个客户端的样本中有 {skew} 属于它最常见的那个数字（随机均分时约为 10 %）。',
    'fed.clients.client': '客户端',
    'fed.clients.total': '合计',
  },
});
